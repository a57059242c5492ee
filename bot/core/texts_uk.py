"""The Ukrainian catalogue: every field of `bot.core.texts.Texts`, in Ukrainian.

Commands and their keywords (off, hourly, daily, add, remove, OR) stay as typed: they are
what the bot parses. Counts are written "alerts: N" so no plural form has to agree with N.
tests/test_i18n.py fails when a field is missing, empty, or has other {fields} than English.
"""

from __future__ import annotations

UKRAINIAN_FIELDS: dict[str, str] = {
    "intro": (
        "<b>Vigie</b> стежить за стрічками новин про війну в Україні (французькою, "
        "англійською, українською та російською), об'єднує ту саму історію від різних медіа "
        "в одну і сповіщає цей чат про те, що він відстежує: теми нижче та ваші власні "
        "фільтри за ключовими словами.\n\nТоркніться теми, щоб стежити за нею або перестати, "
        "чи додайте фільтр, напр. <code>/filter add херсон дрон</code>. "
        "/help — усі команди."
    ),
    "intro_not_admin": (
        "<b>Vigie</b> стежить за стрічками новин про війну в Україні та сповіщає чати про "
        "теми й фільтри, які вони відстежують. Налаштувати його тут можуть лише "
        "адміністратори цієї групи. /help — усі команди."
    ),
    "help": (
        "<b>Команди Vigie</b>\n"
        "/start — налаштувати цей чат і показати теми\n"
        "/topics — теми, з кнопкою, щоб стежити або перестати\n"
        "/subscribe ТЕМА — стежити за темою, напр. <code>/subscribe nato</code>\n"
        "/unsubscribe ТЕМА — перестати стежити, напр. <code>/unsubscribe osce</code>\n"
        "/filter add ВИРАЗ — додати фільтр за ключовими словами, напр. "
        "<code>/filter add херсон (дрон OR \"електростанція\") -навчання</code>\n"
        "/filters — фільтри цього чату, пронумеровані, з кнопкою видалення\n"
        "/filter remove N — видалити фільтр номер N, напр. <code>/filter remove 2</code>\n"
        "/test ТЕКСТ — що збіглося б із ТЕКСТОМ, напр. "
        "<code>/test Саміт НАТО у Вільнюсі</code>\n"
        "/recent — останні сповіщення цього чату\n"
        "/pause, /resume — призупинити й відновити сповіщення, зберігши налаштування\n"
        "/stop — видалити все, що збережено про цей чат\n"
        "/digest off | hourly | daily HH:MM — збирати сповіщення в одне повідомлення, напр. "
        "<code>/digest daily 08:00</code>\n"
        "/quiet HH:MM-HH:MM | off — притримувати сповіщення частину доби, напр. "
        "<code>/quiet 22:00-07:00</code>\n"
        "/timezone Регіон/Місто — часовий пояс цього чату, напр. "
        "<code>/timezone Europe/Kyiv</code>\n"
        "/lang en | fr | uk — мова Vigie, напр. <code>/lang uk</code>\n"
        "/mute ТЕМА|N ТРИВАЛІСТЬ — приглушити тему або фільтр N на час, напр. "
        "<code>/mute kherson 6h</code>; /mute без аргументів — список приглушеного\n"
        "/settings — усі налаштування цього чату, з кнопками\n"
        "/help — цей список\n\n"
        "<b>Фільтри</b>: мають бути всі слова; <code>OR</code> між словами; "
        "<code>-слово</code> виключає; <code>\"фраза\"</code>; <code>префікс*</code>; "
        "дужки групують. Регістр і наголоси не важливі. Не більше {max_length} символів у "
        "фільтрі та {max_count} фільтрів на чат."
    ),
    "help_admin": (
        "\n\n<b>Адміністраторам</b>\n"
        "/feeds — стрічки та їхній стан\n"
        "/addfeed URL [назва] — напр. "
        "<code>/addfeed https://example.org/rss.xml Приклад</code>\n"
        "/removefeed URL — напр. <code>/removefeed https://example.org/rss.xml</code>\n"
        "/stats — кількість стрічок, новин, чатів і сповіщень"
    ),
    "topics_header": (
        "<b>Теми</b> (✅ відстежується, ➕ ні). Торкніться, щоб стежити або перестати:"
    ),
    "topic_line": "• <b>{name}</b>: {aliases}",
    "topic_button_on": "✅ {name}",
    "topic_button_off": "➕ {name}",
    "subscribed": "Тепер цей чат стежить за темою <b>{topic}</b>.",
    "already_subscribed": "Цей чат уже стежить за темою <b>{topic}</b>.",
    "unsubscribed": "Цей чат більше не стежить за темою <b>{topic}</b>.",
    "not_subscribed": "Цей чат не стежить за темою <b>{topic}</b>.",
    "unknown_topic": "Теми «{topic}» немає. Наявні теми: {known}.",
    "usage_subscribe": (
        "Використання: /subscribe ТЕМА, напр. <code>/subscribe nato</code>. "
        "Наявні теми: {known}."
    ),
    "usage_unsubscribe": (
        "Використання: /unsubscribe ТЕМА, напр. <code>/unsubscribe nato</code>. "
        "Цей чат стежить за: {followed}."
    ),
    "nothing_followed": "поки нічого",
    "answer_followed": "Стежу: {topic}",
    "answer_left": "Більше не стежу: {topic}",
    "usage_filter": (
        "Використання:\n/filter add ВИРАЗ — напр. <code>/filter add херсон дрон</code>\n"
        "/filter remove N — N за нумерацією в /filters, напр. <code>/filter remove 1</code>\n"
        "Не більше {max_length} символів у фільтрі та {max_count} фільтрів на чат."
    ),
    "filter_reason_star_inside": '«*» можна ставити лише в кінці слова',
    "filter_reason_no_letter": 'у «{text}» немає літери чи цифри для пошуку',
    "filter_reason_short_prefix": 'префікс потребує щонайменше {count} літер перед «*»',
    "filter_reason_quote_open": 'ці лапки не закрито: додайте закривні "',
    "filter_reason_empty": 'фільтр порожній: введіть слово для пошуку',
    "filter_reason_close_alone": '«)» без відповідної «(»: приберіть її або додайте «(»',
    "filter_reason_end_missing": 'бракує слова в кінці',
    "filter_reason_operator_sides": '{operator} потребує слова з кожного боку',
    "filter_reason_before_close": 'бракує слова перед «)»',
    "filter_reason_word_expected": 'тут очікується слово',
    "filter_reason_empty_parens": 'порожні дужки: впишіть у них слова або приберіть їх',
    "filter_reason_paren_open": 'цю «(» не закрито: додайте «)»',
    "filter_reason_too_long": (
        'фільтр має щонайбільше {count} симв'
        'олів: розділіть його на два фільтри'
    ),
    "filter_reason_too_many": 'понад {count} варіантів після розкриття OR: використайте менше OR',
    "filter_reason_only_exclusions": (
        'він знаходив би новини без жодного з його слів (лише виклю'
        'чення або OR з самим виключенням): додайте слово для пошуку'
    ),
    "filter_reason_never_matches": 'він ніколи не спрацює: вимагає й виключає те саме слово',
    "filter_reason_markup": (
        'розмітку на кшталт {tag} не шукають (сповіще'
        'ння знаходять за словами): введіть самі слова'
    ),
    "filter_syntax": (
        "Цей фільтр не розібрано: {reason}.\n<pre>{expr}\n{caret}</pre>\n"
        "Мають бути всі слова; <code>OR</code> між словами; <code>-слово</code> виключає; "
        "<code>\"фраза\"</code>; <code>префікс*</code>; дужки групують."
    ),
    "filter_too_many": (
        "У цьому чаті вже {count} фільтрів — це максимум. Спершу видаліть один (/filters)."
    ),
    "filters_set_aside": (
        "Ці ваші фільтри більше не працюють у цій версії Vigie і відкладені (тепер вони "
        "нічого не знаходять):\n{lines}\nВведіть їх знову, виправлені, через /filter add."
    ),
    "filter_set_aside_line": "• <code>{expr}</code> — причина: {reason}",
    "filter_exists": "У цьому чаті вже є такий фільтр (номер {number} у /filters).",
    "filter_added": (
        "Фільтр {number} додано: <code>{expr}</code>\n"
        "Перевірте його командою /test із заголовком."
    ),
    "filters_empty": (
        "У цьому чаті немає фільтрів. Додайте, напр. <code>/filter add херсон дрон</code>"
    ),
    "filters_header": (
        "<b>Фільтри за ключовими словами</b> ({count} з {max_count}). "
        "Торкніться ❌, щоб видалити:"
    ),
    "filter_line": "{number}. <code>{expr}</code>",
    "filter_button": "❌ {number}",
    "filter_removed": "Фільтр {number} видалено: <code>{expr}</code>",
    "filter_no_such": "Фільтра {number} немає: у цьому чаті їх {count}. Див. /filters.",
    "answer_filter_removed": "Фільтр видалено",
    "answer_filter_gone": "Цього фільтра вже немає",
    "usage_test": (
        "Використання: /test ТЕКСТ, напр. <code>/test Саміт НАТО у Вільнюсі</code>: показує, "
        "які теми й фільтри цього чату збіглися б із ТЕКСТОМ як заголовком новини."
    ),
    "test_nothing": "Ніщо з того, за чим стежить цей чат, не збігається з цим текстом.",
    "test_header": "Як заголовок новини цей текст дав би сповіщення для:",
    "test_topic": "• тема <b>{name}</b>, у полі «{where}»: {snippet}",
    "test_filter": "• фільтр {number} <code>{expr}</code>, у полі «{where}»: {snippet}",
    "field_title": "заголовок",
    "field_summary": "опис",
    "recent_empty": "Для цього чату ще немає сповіщень.",
    "recent_header": "<b>Останні сповіщення</b>, спершу нові:",
    "recent_line": "{when} · {status} · {title} ({source})",
    "recent_link": "<a href=\"{link}\">{title}</a>",
    "status_sent": "надіслано",
    "status_pending": "в черзі",
    "status_skipped": "пропущено під час паузи",
    "status_dead": "відхилено Telegram",
    "status_closed": "не надіслано (чат закрито)",
    "status_held": "чекає на дайджест",
    "status_stale": "не надіслано: новина вже була давньою, коли Vigie її побачила",
    "paused": (
        "Сповіщення призупинено. Теми й фільтри збережено; те, що збіжиться під час паузи, "
        "потім не надсилатиметься. /resume — відновити."
    ),
    "already_paused": "Сповіщення вже призупинено. /resume — відновити.",
    "resumed": "Сповіщення відновлено.",
    "not_paused": "Сповіщення не призупинено.",
    "stopped": (
        "Готово: Vigie видалив усе, що зберігав про цей чат (теми, фільтри, історію "
        "сповіщень), і більше нічого не надсилатиме; він пам'ятає лише, що чат зупинено, щоб "
        "спитати, перш ніж почати знову. /start — почати знову."
    ),
    "stop_nothing": "Про цей чат нічого не збережено. /start — налаштувати.",
    "restart_question": (
        "У цьому чаті надіслали /stop, тож Vigie видалив усе про нього й нічого сюди не "
        "надсилає. Почати знову, поки без тем і фільтрів?"
    ),
    "restart_button": "▶️ Почати знову",
    "restarted": "Vigie знову налаштовано тут.",
    "group_admins_only": "На жаль, змінювати налаштування можуть лише адміністратори групи.",
    "answer_admins_only": "Це можуть змінити лише адміністратори групи.",
    "bot_admins_only": "На жаль, ця команда лише для адміністраторів Vigie.",
    "flood_notice": (
        "Ви надсилаєте команди швидше, ніж Vigie відповідає: наступні чекають, відповідь на "
        "них буде приблизно за {seconds} с."
    ),
    "group_greeting": (
        "Вітаю! Я Vigie: публікую сповіщення про війну в Україні з новинних стрічок. "
        "Адміністратор групи налаштовує мене: /topics, щоб стежити за nato, kherson чи osce, "
        "<code>/filter add СЛОВА</code> для власних ключових слів, /help для всього."
    ),
    "plain_text_help": (
        "Я відповідаю на команди, а не на повідомлення: /topics, щоб обрати, за чим стежити, "
        "/help для списку."
    ),
    "unknown_command": "Невідома команда {command}: див. /help.",
    "answer_stale_button": "Ця кнопка застаріла",
    "internal_error": "На жаль, щось пішло не так. Спробуйте пізніше.",
    "usage_addfeed": (
        "Використання: /addfeed URL [назва], напр. "
        "<code>/addfeed https://example.org/rss.xml Приклад</code>"
    ),
    "usage_removefeed": (
        "Використання: /removefeed URL, напр. "
        "<code>/removefeed https://example.org/rss.xml</code>"
    ),
    "feed_refused": "Стрічку відхилено: {reason}.",
    "refused_too_long": "адреса стрічки має щонайбільше {limit} символів",
    "refused_not_http": (
        "«{url}» — не адреса http(s) (наприклад, https://example.org/rss.xml)"),
    "refused_no_host": "у «{url}» немає імені хоста",
    "refused_bad_port": "у «{url}» неправильний порт",
    "refused_not_public": (
        "{host} вказує на {kind} {address}, а Vigie читає лише публічні хости (якщо не "
        "задано [fetch] allow_private_hosts = true)"),
    "address_unspecified": "невизначену адресу",
    "address_loopback": "адресу зворотного зв'язку (loopback)",
    "address_link_local": "локальну адресу каналу (link-local)",
    "address_multicast": "групову адресу (multicast)",
    "address_reserved": "зарезервовану адресу",
    "address_private": "приватну адресу",
    "address_non_public": "непублічну адресу",
    "feed_added": (
        "Стрічку додано: {url}\nПерше опитування: нових матеріалів {stories}, з них давніх "
        "{stale} (збережено, без сповіщень); для сповіщень — {fresh}."
    ),
    "feed_added_failed": (
        "Стрічку додано: {url}\nПерше опитування не вдалося: {error}\nVigie пробує знову, "
        "дедалі рідше; /feeds показує, як справи."
    ),
    "feed_exists": "Ця стрічка вже є: {url}",
    "feed_removed": "Стрічку видалено: {url}. Її новини залишаються.",
    "feed_unknown": "Стрічки з URL {url} немає. Див. /feeds.",
    "feeds_block": "<pre>{body}</pre>",
    "stats": (
        "<b>Vigie</b>\n"
        "Стрічки: {feeds} (з помилками: {failing})\n"
        "Новини: {stories}, груп: {clusters}\n"
        "Чати: активні {chats}, на паузі {paused}, неактивні {inactive}\n"
        "Сповіщення: надіслано {sent}, в черзі {pending}, пропущено {skipped}, "
        "відхилено {dead}\n"
        "Останнє опитування: {last_poll}\nПрацює з: {started}"
    ),
    "stats_stopped": (
        "⚠️ <b>Надсилання зупинено</b> з {since}: база даних не може записати те, що прийняв "
        "Telegram ({reason}). Відповідей Telegram у пам'яті: {kept}. Більше нічого не "
        "надсилається, доки їх не буде записано."
    ),
    "never": "ніколи",
    "reason_topic": "тема {name}",
    "reason_filter": "фільтр: {name}",
    "alert_also_reported": "Також повідомили: {sources}",
    "alert_and_more": "{shown} та ще {count}",
    "alert_untitled": "(без назви)",
    "alert_perhaps_same": "Можливо, та сама подія:",
    "month_names": "січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд.",
    "digest_header": "📬 <b>Дайджест Vigie</b> · сповіщень: {count}",
    "digest_continued": "📬 <b>Дайджест Vigie</b> (продовження)",
    "digest_more": "📬 <b>І ще від {feed}: {count}</b>",
    "digest_group": "<b>🔔 {name}</b>",
    "digest_item": "{number}. {title} — <i>{source}</i>, {time}",
    "usage_digest": (
        "Використання: /digest off | hourly | daily HH:MM, напр. "
        "<code>/digest daily 08:00</code> (час цього чату, {tz}). Зараз: {current}."
    ),
    "digest_now_off": "Дайджест вимкнено: сповіщення надходять по одному, щойно знайдені.",
    "digest_off_flush": (
        "Дайджест вимкнено: сповіщення знову надходять по одному. Те, що чекало, "
        "надсилається зараз одним дайджестом."
    ),
    "digest_now_hourly": (
        "Дайджест щогодини: сповіщення збираються й надсилаються на початку години ({tz})."
    ),
    "digest_now_daily": (
        "Дайджест щодня о {time} ({tz}): сповіщення збираються й надсилаються одним "
        "повідомленням."
    ),
    "mode_off": "вимкнено (сповіщення по одному)",
    "mode_hourly": "щогодини",
    "mode_daily": "щодня о {time}",
    "usage_quiet": (
        "Використання: /quiet HH:MM-HH:MM | off, напр. <code>/quiet 22:00-07:00</code> "
        "(час цього чату, {tz}). Зараз: {current}."
    ),
    "quiet_now": (
        "Тихі години {start}–{end} ({tz}): сповіщення, знайдені в цей час, чекають і "
        "надходять одним дайджестом о {end}."
    ),
    "quiet_now_off": "Тихі години вимкнено.",
    "quiet_none": "немає",
    "usage_timezone": (
        "Використання: /timezone Регіон/Місто, напр. <code>/timezone Europe/Kyiv</code>. "
        "Зараз: {tz}, там {time}."
    ),
    "time_out_of_range": (
        '«{typed}» — не час доби: години від 00 до 23, хвилини від 00 '
        'до 59, наприклад <code>08:00</code> або <code>23:30</code>.'
    ),
    "duration_out_of_range": (
        '«{typed}» поза межами: вимкнення триває від 1 хвилини до {max_days} '
        'днів, наприклад <code>/mute {target} {max_days}d</code>.'
    ),
    "timezone_suggest": (
        'Часового поясу «{typed}» немає. Можливо, ви мали на увазі {suggestion}? '
        'Надішліть <code>/timezone {suggestion}</code>.'
    ),
    "timezone_unknown": (
        "Часового поясу «{typed}» немає. Вкажіть назву Регіон/Місто, як-от Europe/Kyiv, "
        "Europe/Warsaw або America/Toronto."
    ),
    "timezone_now": "Часовий пояс: {tz}. Там зараз {time}.",
    "usage_lang": "Використання: /lang en | fr | uk, напр. <code>/lang uk</code>. "
                  "Зараз: {language}.",
    "lang_now": "Відтепер Vigie пише в цей чат українською.",
    "usage_mute": (
        "Використання: /mute ТЕМА|N ТРИВАЛІСТЬ, напр. <code>/mute kherson 6h</code> або "
        "<code>/mute 2 30m</code> (N за нумерацією в /filters; ТРИВАЛІСТЬ у m, h або d, не "
        "більше {max_days} днів; <code>off</code> знімає приглушення). /mute без аргументів — "
        "список приглушеного."
    ),
    "mute_now": "{target}: приглушено до {until}.",
    "mute_lifted": "{target}: приглушення знято.",
    "mute_was_not": "{target}: не було приглушено.",
    "mutes_empty": "У цьому чаті нічого не приглушено.",
    "mutes_header": "<b>Приглушено</b>:",
    "mute_line": "• {target} до {until}",
    "mute_topic": "тема {name}",
    "mute_filter": "фільтр {number}",
    "mute_filter_gone": "видалений фільтр",
    "settings": (
        "<b>Налаштування цього чату</b>\n"
        "Мова: {language}\n"
        "Часовий пояс: {tz} (зараз {time})\n"
        "Дайджест: {digest}\n"
        "Тихі години: {quiet}\n"
        "Сповіщення: {state}\n"
        "Теми: {topics}\n"
        "Фільтри: {filters}\n"
        "Приглушено: {mutes}\n"
        "Чекають на дайджест: {held}"
    ),
    "state_on": "увімкнено",
    "state_paused": "на паузі",
    "button_instant": "⚡ По одному",
    "button_hourly": "🕐 Щогодинний дайджест",
    "button_daily": "📅 Щоденний дайджест 08:00",
    "button_quiet_off": "🔔 Без тихих годин",
    "answer_saved": "Збережено",
    "menu_start": "Налаштувати чат і показати теми",
    "menu_help": "Усі команди з прикладами",
    "menu_topics": "Стежити за темами або перестати",
    "menu_subscribe": "Стежити за темою: /subscribe nato",
    "menu_unsubscribe": "Перестати стежити: /unsubscribe nato",
    "menu_filter": "Додати або видалити фільтр",
    "menu_filters": "Фільтри цього чату",
    "menu_test": "Що збіглося б із заголовком",
    "menu_recent": "Останні сповіщення цього чату",
    "menu_pause": "Призупинити сповіщення",
    "menu_resume": "Відновити сповіщення",
    "menu_stop": "Видалити все про цей чат",
    "menu_digest": "Дайджест: /digest daily 08:00",
    "menu_quiet": "Тихі години: /quiet 22:00-07:00",
    "menu_timezone": "Часовий пояс: /timezone Europe/Kyiv",
    "menu_lang": "Мова: /lang uk",
    "menu_mute": "Приглушити тему: /mute kherson 6h",
    "menu_settings": "Усі налаштування цього чату",
    "menu_feeds": "Стрічки та їхній стан (адмін)",
    "menu_addfeed": "Додати стрічку (адмін)",
    "menu_removefeed": "Видалити стрічку (адмін)",
    "menu_stats": "Лічильники й останнє опитування (адмін)",
    # where alerts land: previews, channels, forum topics (issue 17)
    "help_more": (
        "\n\n<b>Куди надходять сповіщення</b>\n"
        "/preview off | small | large — попередній перегляд посилань у сповіщеннях, напр. "
        "<code>/preview small</code>\n"
        "/route ТЕМА|N — у гілці форуму: сповіщення цієї теми (або фільтра N) надходять туди, "
        "напр. <code>/route nato</code>; <code>/route nato off</code> повертає їх у General\n"
        "/connect @канал — з приватного чату: публікувати сповіщення в каналі, який "
        "адмініструєте ви й Vigie; /connect без аргументів показує ваші канали з кнопками, щоб "
        "обрати, який змінюють команди\n"
        "/disconnect @канал — більше не публікувати там і забути його налаштування\n"
        "/trend ТЕМА|N [дні] — графік новин за днями, напр. <code>/trend kherson 30</code>"
    ),
    "usage_preview": (
        "Використання: <code>/preview off</code> (без перегляду, типово), "
        "<code>/preview small</code> (малий перегляд сторінки новини) або "
        "<code>/preview large</code> (великий, над текстом). Зараз: {current}."
    ),
    "preview_now": "Перегляд посилань у сповіщеннях: {current}.",
    "preview_off": "вимкнено",
    "preview_small": "малий",
    "preview_large": "великий, над текстом",
    "usage_trend": (
        "Використання: <code>/trend ТЕМА [дні]</code>, тема ({known}) або номер фільтра як у "
        "/filters, і від 1 до {max_days} днів (типово {days}), напр. <code>/trend nato 30</code>."
    ),
    "trend_empty": "Жодної новини про {target} за останні {days} дн.: нема що малювати.",
    "trend_title": "{target}: новини за днями, останні {days} дн.",
    "trend_peak": "найбільше: {count}",
    "trend_caption": (
        "<b>{target}</b>: {total} новин за {days} дн.; найбільше {day} ({count})."
    ),
    "trend_other_language": "інша",
    "stats_chart_title": "Надіслані сповіщення за днями, останні {days} дн.",
    "stats_chart_caption": "Надіслані сповіщення за днями за останні {days} дн.: усього {total}.",
    "usage_connect": (
        "Використання: <code>/connect @канал</code> або <code>/connect -100…</code> "
        "(ідентифікатор каналу). Vigie має бути адміністратором каналу з правом публікувати, "
        "і ви теж."
    ),
    "channel_command": (
        "Vigie налаштовують для каналу з приватного чату, щоб налаштування ніколи не "
        "публікувалися читачам каналу: відкрийте чат з @{bot} і надішліть "
        "<code>/connect {chat}</code> (ви й Vigie маєте бути адміністраторами цього каналу)."
    ),
    "connect_private_only": (
        "Під'єднуйте канал з приватного чату з Vigie: <code>/connect @канал</code>."
    ),
    "connect_not_found": (
        "Vigie не бачить {chat}. Перевірте назву, додайте Vigie адміністратором і спробуйте "
        "ще раз."
    ),
    "connect_bot_not_admin": (
        "Vigie не є адміністратором {title} з правом публікувати. Призначте його (з правом "
        "«Публікувати повідомлення»), потім знову <code>/connect {chat}</code>."
    ),
    "connect_user_not_admin": (
        "Під'єднати {title} може лише його адміністратор, а ви ним не є."
    ),
    "connect_done": (
        "<b>{title}</b> під'єднано: у нього свої теми, фільтри й налаштування. Команди, "
        "які ви вводите тут, тепер змінюють {title} (/subscribe, /filter, /digest, /quiet, "
        "/lang, /preview …). /connect показує ваші канали з кнопкою, щоб повернутися до цього "
        "чату."
    ),
    "connections_header": "<b>Ваші канали</b>. Команди тут змінюють: <b>{current}</b>",
    "connection_line": "• {title} ({state})",
    "connection_active": "сповіщення увімкнено",
    "connection_lost": "Vigie не може там публікувати",
    "connections_empty": (
        "Жодного каналу не під'єднано. <code>/connect @канал</code> під'єднує канал: у нього "
        "свої теми, фільтри й налаштування, керовані звідси."
    ),
    "this_chat": "цей чат",
    "button_manage": "✏️ {title}",
    "answer_managing": "Команди тут тепер змінюють {title}",
    "usage_disconnect": (
        "Використання: <code>/disconnect @канал</code> (або його ідентифікатор), або "
        "/disconnect без аргументів для каналу, який команди змінюють зараз."
    ),
    "disconnect_unknown": "{chat} — не канал, який ви під'єднали. /connect показує ваші.",
    "disconnected": (
        "<b>{title}</b> від'єднано: Vigie більше нічого там не публікує й забув його теми, "
        "фільтри й налаштування (якщо його не під'єднав ще інший адміністратор)."
    ),
    "destination_lost": (
        "⚠️ Vigie більше не може публікувати в <b>{title}</b> ({reason}): сповіщення туди "
        "зупинено. Знову призначте Vigie адміністратором з правом публікувати, потім "
        "<code>/connect {chat}</code>."
    ),
    "channel_admins_only": (
        "Вибачте, змінювати налаштування {title} може лише його адміністратор, а Telegram "
        "каже, що ви вже ним не є."
    ),
    "usage_route": (
        "Введіть <code>/route ТЕМА</code> або <code>/route N</code> (фільтр N) у гілці форуму "
        "цієї групи: ці сповіщення надходитимуть у цю гілку, напр. <code>/route nato</code>. "
        "<code>/route nato off</code> повертає їх у General."
    ),
    "route_forum_only": (
        "Маршрути — для груп із гілками: введіть /route у тій гілці форуму, яка має отримувати "
        "сповіщення."
    ),
    "route_now": "Сповіщення для {target} тепер надходять у цю гілку.",
    "route_off": "Сповіщення для {target} знову надходять у General.",
    "route_was_not": "{target} не мав маршруту: його сповіщення й так ідуть у General.",
    "route_fell_back": (
        "⚠️ Гілку форуму для {target} закрито або видалено: його сповіщення тепер надходять у "
        "General. Введіть <code>/route …</code> в іншій гілці, щоб це змінити."
    ),
    "settings_preview": "\nПерегляд посилань: {preview}",
    "managing_header": "📢 <b>{title}</b>",
    "menu_preview": "Перегляд посилань: /preview small",
    "menu_trend": "Графік теми: /trend nato",
    "menu_connect": "Публікувати сповіщення в каналі",
    "menu_disconnect": "Більше не публікувати в каналі",
    "menu_route": "У гілці форуму: /route nato",
}
