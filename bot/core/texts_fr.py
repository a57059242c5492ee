"""The French catalogue: every field of `bot.core.texts.Texts`, in French.

Commands and their keywords (off, hourly, daily, add, remove, OR) stay as typed: they are
what the bot parses. tests/test_i18n.py fails when a field is missing, empty, or has other
{fields} than the English one.
"""

from __future__ import annotations

FRENCH_FIELDS: dict[str, str] = {
    "intro": (
        "<b>Vigie</b> surveille des fils d'actualité sur la guerre en Ukraine (en français, "
        "anglais, ukrainien et russe), regroupe en une seule la même histoire racontée par "
        "plusieurs médias, et alerte cette discussion sur ce qu'elle suit : les thèmes "
        "ci-dessous et vos propres filtres par mots-clés.\n\nTouchez un thème pour le suivre "
        "ou le quitter, ou ajoutez un filtre, par ex. <code>/filter add kherson drone</code>. "
        "/help liste toutes les commandes."
    ),
    "intro_not_admin": (
        "<b>Vigie</b> surveille des fils d'actualité sur la guerre en Ukraine et alerte les "
        "discussions sur les thèmes et filtres qu'elles suivent. Seuls les administrateurs de "
        "ce groupe peuvent le configurer ici. /help liste toutes les commandes."
    ),
    "help": (
        "<b>Commandes de Vigie</b>\n"
        "/start — configurer cette discussion et afficher les thèmes\n"
        "/topics — les thèmes, avec un bouton pour suivre ou quitter chacun\n"
        "/subscribe THÈME — suivre un thème, par ex. <code>/subscribe nato</code>\n"
        "/unsubscribe THÈME — quitter un thème, par ex. <code>/unsubscribe osce</code>\n"
        "/filter add EXPR — ajouter un filtre par mots-clés, par ex. "
        "<code>/filter add kherson (drone OR \"centrale électrique\") -exercice</code>\n"
        "/filters — les filtres de cette discussion, numérotés, avec un bouton pour retirer "
        "chacun\n"
        "/filter remove N — retirer le filtre numéro N, par ex. <code>/filter remove 2</code>\n"
        "/test TEXTE — ce qui correspondrait à TEXTE, par ex. "
        "<code>/test Sommet de l'OTAN à Vilnius</code>\n"
        "/recent — les dernières alertes de cette discussion\n"
        "/pause, /resume — suspendre et reprendre les alertes, réglages conservés\n"
        "/stop — effacer tout ce qui est stocké sur cette discussion\n"
        "/digest off | hourly | daily HH:MM — regrouper les alertes en un seul message, par "
        "ex. <code>/digest daily 08:00</code>\n"
        "/quiet HH:MM-HH:MM | off — retenir les alertes une partie de la journée, par ex. "
        "<code>/quiet 22:00-07:00</code>\n"
        "/timezone Zone/Ville — le fuseau horaire de cette discussion, par ex. "
        "<code>/timezone Europe/Paris</code>\n"
        "/lang en | fr | uk — la langue de Vigie, par ex. <code>/lang uk</code>\n"
        "/mute THÈME|N DURÉE — faire taire un thème ou le filtre N un moment, par ex. "
        "<code>/mute kherson 6h</code> ; /mute seul liste ce qui est en sourdine\n"
        "/settings — tous les réglages de cette discussion, avec des boutons\n"
        "/help — cette liste\n\n"
        "<b>Filtres</b> : tous les mots doivent apparaître ; <code>OR</code> entre des mots ; "
        "<code>-mot</code> exclut ; <code>\"une expression\"</code> ; <code>préfixe*</code> ; "
        "les parenthèses groupent. Majuscules et accents sont ignorés. Au plus {max_length} "
        "caractères par filtre et {max_count} filtres par discussion."
    ),
    "help_admin": (
        "\n\n<b>Administrateurs</b>\n"
        "/feeds — les flux et leur état\n"
        "/addfeed URL [nom] — par ex. <code>/addfeed https://example.org/rss.xml Exemple</code>\n"
        "/removefeed URL — par ex. <code>/removefeed https://example.org/rss.xml</code>\n"
        "/stats — nombre de flux, d'articles, de discussions et d'alertes"
    ),
    "topics_header": "<b>Thèmes</b> (✅ suivi, ➕ non suivi). Touchez pour suivre ou quitter :",
    "topic_line": "• <b>{name}</b> : {aliases}",
    "topic_button_on": "✅ {name}",
    "topic_button_off": "➕ {name}",
    "subscribed": "Cette discussion suit désormais <b>{topic}</b>.",
    "already_subscribed": "Cette discussion suit déjà <b>{topic}</b>.",
    "unsubscribed": "Cette discussion ne suit plus <b>{topic}</b>.",
    "not_subscribed": "Cette discussion ne suit pas <b>{topic}</b>.",
    "unknown_topic": "Il n'y a pas de thème « {topic} ». Les thèmes sont : {known}.",
    "usage_subscribe": (
        "Usage : /subscribe THÈME, par ex. <code>/subscribe nato</code>. "
        "Les thèmes sont : {known}."
    ),
    "usage_unsubscribe": (
        "Usage : /unsubscribe THÈME, par ex. <code>/unsubscribe nato</code>. "
        "Cette discussion suit : {followed}."
    ),
    "nothing_followed": "rien pour l'instant",
    "answer_followed": "{topic} suivi",
    "answer_left": "{topic} quitté",
    "usage_filter": (
        "Usage :\n/filter add EXPR — par ex. <code>/filter add kherson drone</code>\n"
        "/filter remove N — N tel que numéroté dans /filters, par ex. "
        "<code>/filter remove 1</code>\n"
        "Au plus {max_length} caractères par filtre et {max_count} filtres par discussion."
    ),
    "filter_reason_star_inside": "« * » n'est permis qu'à la fin d'un mot",
    "filter_reason_no_letter": "« {text} » n'a ni lettre ni chiffre à chercher",
    "filter_reason_short_prefix": 'un préfixe demande au moins {count} lettres avant « * »',
    "filter_reason_quote_open": 'ce guillemet n\'est jamais fermé : ajoutez le " de fin',
    "filter_reason_empty": 'le filtre est vide : tapez un mot à chercher',
    "filter_reason_close_alone": '« ) » sans « ( » correspondante : retirez-la ou ajoutez la « ( »',
    "filter_reason_end_missing": 'il manque un mot à la fin',
    "filter_reason_operator_sides": '{operator} demande un mot de chaque côté',
    "filter_reason_before_close": 'il manque un mot avant « ) »',
    "filter_reason_word_expected": 'un mot est attendu ici',
    "filter_reason_empty_parens": 'parenthèses vides : mettez-y des mots ou retirez-les',
    "filter_reason_paren_open": "cette « ( » n'est jamais fermée : ajoutez la « ) »",
    "filter_reason_too_long": 'un filtre fait au plus {count} caractères : faites-en deux filtres',
    "filter_reason_too_many": (
        'plus de {count} possibilités une fois l'
        'es OR développés : utilisez moins de OR'
    ),
    "filter_reason_only_exclusions": (
        'il trouverait des articles sans aucun de ses mots (seulement des excl'
        'usions, ou un OR avec une exclusion seule) : ajoutez un mot à chercher'
    ),
    "filter_reason_never_matches": 'il ne peut jamais trouver : il exige et exclut le même mot',
    "filter_reason_markup": (
        "la mise en forme comme {tag} n'est pas cherchée (les al"
        'ertes se trouvent par leurs mots) : tapez les mots seuls'
    ),
    "filter_syntax": (
        "Ce filtre ne se lit pas : {reason}.\n<pre>{expr}\n{caret}</pre>\n"
        "Tous les mots doivent apparaître ; <code>OR</code> entre des mots ; <code>-mot</code> "
        "exclut ; <code>\"une expression\"</code> ; <code>préfixe*</code> ; les parenthèses "
        "groupent."
    ),
    "filter_too_many": (
        "Cette discussion a déjà {count} filtres, le maximum. Retirez-en un d'abord (/filters)."
    ),
    "filters_set_aside": (
        "Ces filtres ne fonctionnent plus avec cette version de Vigie et ont été mis de côté "
        "(ils ne trouvent plus rien) :\n{lines}\nRetapez-les, corrigés, avec /filter add."
    ),
    "filter_set_aside_line": "• <code>{expr}</code> : {reason}",
    "filter_exists": "Cette discussion a déjà ce filtre (numéro {number} dans /filters).",
    "filter_added": (
        "Filtre {number} ajouté : <code>{expr}</code>\n"
        "Essayez-le avec /test suivi d'un titre."
    ),
    "filters_empty": (
        "Cette discussion n'a aucun filtre. Ajoutez-en un, par ex. "
        "<code>/filter add kherson drone</code>"
    ),
    "filters_header": (
        "<b>Filtres par mots-clés</b> ({count} sur {max_count}). Touchez ❌ pour en retirer un :"
    ),
    "filter_line": "{number}. <code>{expr}</code>",
    "filter_button": "❌ {number}",
    "filter_removed": "Filtre {number} retiré : <code>{expr}</code>",
    "filter_no_such": (
        "Il n'y a pas de filtre {number} : cette discussion en a {count}. Voir /filters."
    ),
    "answer_filter_removed": "Filtre retiré",
    "answer_filter_gone": "Ce filtre n'existe plus",
    "usage_test": (
        "Usage : /test TEXTE, par ex. <code>/test Sommet de l'OTAN à Vilnius</code> : montre "
        "quels thèmes et filtres de cette discussion correspondraient à TEXTE comme titre."
    ),
    "test_nothing": "Rien de ce que suit cette discussion ne correspond à ce texte.",
    "test_header": "Comme titre d'article, ce texte déclencherait une alerte pour :",
    "test_topic": "• thème <b>{name}</b>, dans le {where} : {snippet}",
    "test_filter": "• filtre {number} <code>{expr}</code>, dans le {where} : {snippet}",
    "field_title": "titre",
    "field_summary": "résumé",
    "recent_empty": "Aucune alerte pour cette discussion pour l'instant.",
    "recent_header": "<b>Dernières alertes</b>, les plus récentes d'abord :",
    "recent_line": "{when} · {status} · {title} ({source})",
    "recent_link": "<a href=\"{link}\">{title}</a>",
    "status_sent": "envoyée",
    "status_pending": "en attente",
    "status_skipped": "ignorée pendant la pause",
    "status_dead": "refusée par Telegram",
    "status_closed": "non envoyée (discussion quittée)",
    "status_held": "attend le résumé",
    "status_stale": "non envoyée : déjà ancienne quand Vigie l'a vue",
    "paused": (
        "Alertes suspendues. Thèmes et filtres sont conservés ; ce qui correspond pendant la "
        "pause ne sera pas envoyé plus tard. /resume pour reprendre."
    ),
    "already_paused": "Les alertes sont déjà suspendues. /resume pour les reprendre.",
    "resumed": "Alertes reprises.",
    "not_paused": "Les alertes ne sont pas suspendues.",
    "stopped": (
        "C'est fait : Vigie a effacé tout ce qu'il stockait sur cette discussion (thèmes, "
        "filtres, historique des alertes) et n'enverra plus rien ; il garde seulement le fait "
        "qu'elle s'est arrêtée, pour demander avant de recommencer. /start pour recommencer."
    ),
    "stop_nothing": "Rien n'est stocké sur cette discussion. /start pour la configurer.",
    "restart_question": (
        "Cette discussion a envoyé /stop : Vigie a tout effacé à son sujet et n'y envoie "
        "plus rien. Recommencer, sans thème ni filtre pour l'instant ?"
    ),
    "restart_button": "▶️ Recommencer",
    "restarted": "Vigie est de nouveau configuré ici.",
    "group_admins_only": (
        "Désolé, seuls les administrateurs de ce groupe peuvent changer ses réglages."
    ),
    "answer_admins_only": "Seuls les administrateurs du groupe peuvent changer cela.",
    "bot_admins_only": "Désolé, cette commande est réservée aux administrateurs de Vigie.",
    "flood_notice": (
        "Vous envoyez des commandes plus vite que Vigie ne répond : les suivantes attendent "
        "et recevront leur réponse dans {seconds} secondes environ."
    ),
    "group_greeting": (
        "Bonjour ! Je suis Vigie : je publie des alertes sur la guerre en Ukraine tirées de "
        "flux d'actualité. Un administrateur du groupe me règle : /topics pour suivre nato, "
        "kherson ou osce, <code>/filter add MOTS</code> pour vos mots-clés, /help pour tout."
    ),
    "plain_text_help": (
        "Je réponds aux commandes, pas aux messages : /topics pour choisir quoi suivre, /help "
        "pour la liste."
    ),
    "unknown_command": "Commande inconnue {command} : voir /help.",
    "answer_stale_button": "Ce bouton n'est plus à jour",
    "internal_error": "Désolé, quelque chose a échoué. Réessayez plus tard.",
    "usage_addfeed": (
        "Usage : /addfeed URL [nom], par ex. "
        "<code>/addfeed https://example.org/rss.xml Exemple</code>"
    ),
    "usage_removefeed": (
        "Usage : /removefeed URL, par ex. <code>/removefeed https://example.org/rss.xml</code>"
    ),
    "feed_refused": "Flux refusé : {reason}.",
    "refused_too_long": "l'adresse d'un flux fait au plus {limit} caractères",
    "refused_not_http": (
        "« {url} » n'est pas une adresse http(s) (par ex. https://example.org/rss.xml)"),
    "refused_no_host": "« {url} » n'a pas de nom d'hôte",
    "refused_bad_port": "« {url} » a un port invalide",
    "refused_not_public": (
        "{host} pointe vers {kind} {address}, et Vigie ne lit que des hôtes publics (sauf si "
        "[fetch] allow_private_hosts = true)"),
    "address_unspecified": "une adresse non spécifiée",
    "address_loopback": "une adresse de bouclage (loopback)",
    "address_link_local": "une adresse lien-local",
    "address_multicast": "une adresse multicast",
    "address_reserved": "une adresse réservée",
    "address_private": "une adresse privée",
    "address_non_public": "une adresse non publique",
    "feed_added": (
        "Flux ajouté : {url}\nPremier relevé : {stories} nouveaux articles, dont {stale} déjà "
        "anciens (gardés, jamais signalés) ; {fresh} peuvent être signalés."
    ),
    "feed_added_failed": (
        "Flux ajouté : {url}\nSon premier relevé a échoué : {error}\nVigie réessaie, de "
        "moins en moins souvent ; /feeds montre où il en est."
    ),
    "feed_exists": "Ce flux est déjà là : {url}",
    "feed_removed": "Flux retiré : {url}. Ses articles restent.",
    "feed_unknown": "Aucun flux n'a l'URL {url}. Voir /feeds.",
    "feeds_block": "<pre>{body}</pre>",
    "stats": (
        "<b>Vigie</b>\n"
        "Flux : {feeds} ({failing} en échec)\n"
        "Articles : {stories} en {clusters} groupes\n"
        "Discussions : {chats} actives, {paused} en pause, {inactive} inactives\n"
        "Alertes : {sent} envoyées, {pending} en attente, {skipped} ignorées, {dead} refusées\n"
        "Dernier relevé : {last_poll}\nEn marche depuis : {started}"
    ),
    "stats_stopped": (
        "⚠️ <b>Envois arrêtés</b> depuis {since} : la base de données ne peut pas enregistrer "
        "ce que Telegram a accepté ({reason}). Réponses de Telegram gardées en mémoire : "
        "{kept}. Rien d'autre ne part avant qu'elles soient écrites."
    ),
    "never": "jamais",
    "reason_topic": "thème {name}",
    "reason_filter": "filtre : {name}",
    "alert_also_reported": "Également rapporté par {sources}",
    "alert_and_more": "{shown} et {count} autres",
    "alert_untitled": "(sans titre)",
    "alert_perhaps_same": "Peut-être le même événement :",
    "month_names": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "digest_header": "📬 <b>Résumé Vigie</b> · alertes : {count}",
    "digest_continued": "📬 <b>Résumé Vigie</b> (suite)",
    "digest_more": "📬 <b>Et {count} autres de {feed}</b>",
    "digest_group": "<b>🔔 {name}</b>",
    "digest_item": "{number}. {title} — <i>{source}</i>, {time}",
    "usage_digest": (
        "Usage : /digest off | hourly | daily HH:MM, par ex. <code>/digest daily 08:00</code> "
        "(heure de cette discussion, {tz}). Actuellement : {current}."
    ),
    "digest_now_off": "Résumé désactivé : les alertes arrivent une à une, dès qu'elles sont "
                      "trouvées.",
    "digest_off_flush": (
        "Résumé désactivé : les alertes arrivent de nouveau une à une. Ce qui attendait part "
        "maintenant, en un seul résumé."
    ),
    "digest_now_hourly": (
        "Résumé toutes les heures : les alertes sont regroupées et envoyées à l'heure pile "
        "({tz})."
    ),
    "digest_now_daily": (
        "Résumé chaque jour à {time} ({tz}) : les alertes sont regroupées et envoyées en un "
        "seul message."
    ),
    "mode_off": "désactivé (alertes une à une)",
    "mode_hourly": "toutes les heures",
    "mode_daily": "chaque jour à {time}",
    "usage_quiet": (
        "Usage : /quiet HH:MM-HH:MM | off, par ex. <code>/quiet 22:00-07:00</code> "
        "(heure de cette discussion, {tz}). Actuellement : {current}."
    ),
    "quiet_now": (
        "Heures calmes {start}–{end} ({tz}) : les alertes trouvées pendant ce temps attendent "
        "et partent en un seul résumé à {end}."
    ),
    "quiet_now_off": "Heures calmes désactivées.",
    "quiet_none": "aucune",
    "usage_timezone": (
        "Usage : /timezone Zone/Ville, par ex. <code>/timezone Europe/Paris</code>. "
        "Actuellement : {tz}, où il est {time}."
    ),
    "time_out_of_range": (
        "« {typed} » n'est pas une heure : les heures vont de 00 à 23 et les minutes "
        'de 00 à 59, par exemple <code>08:00</code> ou <code>23:30</code>.'
    ),
    "duration_out_of_range": (
        '« {typed} » est hors limites : une sourdine dure de 1 minute à {max_days} '
        'jours, par exemple <code>/mute {target} {max_days}d</code>.'
    ),
    "timezone_suggest": (
        "Il n'y a pas de fuseau « {typed} ». Vouliez-vous dire {suggestion} "
        '? Envoyez <code>/timezone {suggestion}</code>.'
    ),
    "timezone_unknown": (
        "Il n'y a pas de fuseau horaire « {typed} ». Utilisez un nom Zone/Ville comme "
        "Europe/Paris, Europe/Kyiv ou America/Montreal."
    ),
    "timezone_now": "Fuseau horaire : {tz}. Il y est {time}.",
    "usage_lang": "Usage : /lang en | fr | uk, par ex. <code>/lang uk</code>. "
                  "Actuellement : {language}.",
    "lang_now": "Vigie écrit désormais à cette discussion en français.",
    "usage_mute": (
        "Usage : /mute THÈME|N DURÉE, par ex. <code>/mute kherson 6h</code> ou "
        "<code>/mute 2 30m</code> (N tel que numéroté dans /filters ; DURÉE en m, h ou d, au "
        "plus {max_days} jours ; <code>off</code> lève la sourdine). /mute seul liste ce qui "
        "est en sourdine."
    ),
    "mute_now": "{target} : en sourdine jusqu'au {until}.",
    "mute_lifted": "{target} : sourdine levée.",
    "mute_was_not": "{target} n'était pas en sourdine.",
    "mutes_empty": "Rien n'est en sourdine dans cette discussion.",
    "mutes_header": "<b>En sourdine</b> :",
    "mute_line": "• {target} jusqu'au {until}",
    "mute_topic": "thème {name}",
    "mute_filter": "filtre {number}",
    "mute_filter_gone": "un filtre retiré",
    "settings": (
        "<b>Réglages de cette discussion</b>\n"
        "Langue : {language}\n"
        "Fuseau horaire : {tz} (il est {time})\n"
        "Résumé : {digest}\n"
        "Heures calmes : {quiet}\n"
        "Alertes : {state}\n"
        "Thèmes : {topics}\n"
        "Filtres : {filters}\n"
        "En sourdine : {mutes}\n"
        "En attente d'un résumé : {held}"
    ),
    "state_on": "actives",
    "state_paused": "en pause",
    "button_instant": "⚡ Une à une",
    "button_hourly": "🕐 Résumé horaire",
    "button_daily": "📅 Résumé quotidien 08:00",
    "button_quiet_off": "🔔 Sans heures calmes",
    "answer_saved": "Enregistré",
    "menu_start": "Configurer cette discussion, voir les thèmes",
    "menu_help": "Toutes les commandes, avec un exemple",
    "menu_topics": "Suivre ou quitter des thèmes",
    "menu_subscribe": "Suivre un thème : /subscribe nato",
    "menu_unsubscribe": "Quitter un thème : /unsubscribe nato",
    "menu_filter": "Ajouter ou retirer un filtre par mots-clés",
    "menu_filters": "Les filtres de cette discussion",
    "menu_test": "Ce qui correspondrait à un titre",
    "menu_recent": "Les dernières alertes de cette discussion",
    "menu_pause": "Suspendre les alertes, réglages conservés",
    "menu_resume": "Reprendre les alertes",
    "menu_stop": "Tout effacer sur cette discussion",
    "menu_digest": "Alertes regroupées : /digest daily 08:00",
    "menu_quiet": "Heures calmes : /quiet 22:00-07:00",
    "menu_timezone": "Fuseau horaire : /timezone Europe/Paris",
    "menu_lang": "Langue : /lang fr",
    "menu_mute": "Faire taire un thème : /mute kherson 6h",
    "menu_settings": "Tous les réglages de cette discussion",
    "menu_feeds": "Les flux et leur état (admin)",
    "menu_addfeed": "Ajouter un flux (admin)",
    "menu_removefeed": "Retirer un flux (admin)",
    "menu_stats": "Chiffres et dernier relevé (admin)",
    # where alerts land: previews, channels, forum topics (issue 17)
    "help_more": (
        "\n\n<b>Où arrivent les alertes</b>\n"
        "/preview off | small | large — aperçus des liens dans les alertes, par ex. "
        "<code>/preview small</code>\n"
        "/route THÈME|N — tapé dans un sujet de forum : les alertes de ce thème (ou du filtre "
        "N) y arrivent, par ex. <code>/route nato</code> ; <code>/route nato off</code> les "
        "renvoie dans General\n"
        "/connect @canal — depuis une discussion privée : publier les alertes dans un canal "
        "que vous et Vigie administrez ; /connect seul liste vos canaux, avec des boutons pour "
        "choisir celui que les commandes modifient\n"
        "/disconnect @canal — ne plus y publier et oublier ses réglages\n"
        "/trend THÈME|N [jours] — un graphique des articles par jour, par ex. "
        "<code>/trend kherson 30</code>"
    ),
    "usage_preview": (
        "Usage : <code>/preview off</code> (pas d'aperçu, par défaut), <code>/preview small</code> "
        "(un petit aperçu de la page de l'article) ou <code>/preview large</code> (un grand "
        "au-dessus du texte). Actuellement : {current}."
    ),
    "preview_now": "Aperçus des liens dans les alertes : {current}.",
    "preview_off": "désactivés",
    "preview_small": "petits",
    "preview_large": "grands, au-dessus du texte",
    "usage_trend": (
        "Usage : <code>/trend THÈME [jours]</code>, un thème ({known}) ou un numéro de filtre "
        "comme dans /filters, et de 1 à {max_days} jours ({days} par défaut), par ex. "
        "<code>/trend nato 30</code>."
    ),
    "trend_empty": "Aucun article sur {target} ces {days} derniers jours : rien à dessiner.",
    "trend_title": "{target} : articles par jour, {days} derniers jours",
    "trend_peak": "maximum : {count}",
    "trend_caption": (
        "<b>{target}</b> : {total} articles en {days} jours ; le plus le {day} ({count})."
    ),
    "trend_other_language": "autre",
    "stats_chart_title": "Alertes envoyées par jour, {days} derniers jours",
    "stats_chart_caption": "Alertes envoyées par jour ces {days} derniers jours : {total} en tout.",
    "usage_connect": (
        "Usage : <code>/connect @canal</code> ou <code>/connect -100…</code> (l'identifiant du "
        "canal). Vigie doit être administrateur du canal avec le droit de publier, et vous "
        "aussi."
    ),
    "channel_command": (
        "Vigie se configure pour une chaîne depuis une discussion privée, pour que la "
        "configuration ne soit jamais publiée aux lecteurs de la chaîne : ouvrez une "
        "discussion avec @{bot} et envoyez <code>/connect {chat}</code> (vous et Vigie devez "
        "tous deux administrer cette chaîne)."
    ),
    "connect_private_only": (
        "Connectez un canal depuis votre discussion privée avec Vigie : "
        "<code>/connect @canal</code>."
    ),
    "connect_not_found": (
        "Vigie ne voit pas {chat}. Vérifiez le nom, ajoutez Vigie comme administrateur, puis "
        "réessayez."
    ),
    "connect_bot_not_admin": (
        "Vigie n'est pas administrateur de {title} avec le droit de publier. Nommez-le "
        "(avec « Publier des messages »), puis <code>/connect {chat}</code> à nouveau."
    ),
    "connect_user_not_admin": (
        "Seul un administrateur de {title} peut le connecter, et vous n'en êtes pas un."
    ),
    "connect_done": (
        "<b>{title}</b> est connecté : il a ses propres thèmes, filtres et réglages. Les "
        "commandes tapées ici modifient désormais {title} (/subscribe, /filter, /digest, "
        "/quiet, /lang, /preview …). /connect liste vos canaux, avec un bouton pour revenir à "
        "cette discussion."
    ),
    "connections_header": (
        "<b>Vos canaux</b>. Les commandes tapées ici modifient : <b>{current}</b>"
    ),
    "connection_line": "• {title} ({state})",
    "connection_active": "alertes actives",
    "connection_lost": "Vigie ne peut plus y publier",
    "connections_empty": (
        "Aucun canal connecté. <code>/connect @canal</code> en connecte un : il a ses propres "
        "thèmes, filtres et réglages, gérés d'ici."
    ),
    "this_chat": "cette discussion",
    "button_manage": "✏️ {title}",
    "answer_managing": "Les commandes d'ici modifient maintenant {title}",
    "usage_disconnect": (
        "Usage : <code>/disconnect @canal</code> (ou son identifiant), ou /disconnect seul pour "
        "le canal que les commandes modifient maintenant."
    ),
    "disconnect_unknown": (
        "{chat} n'est pas un canal que vous avez connecté. /connect liste les vôtres."
    ),
    "disconnected": (
        "<b>{title}</b> est déconnecté : Vigie n'y publie plus rien et a oublié ses thèmes, "
        "filtres et réglages (sauf si un autre administrateur l'a connecté aussi)."
    ),
    "destination_lost": (
        "⚠️ Vigie ne peut plus publier dans <b>{title}</b> ({reason}) : ses alertes sont "
        "arrêtées. Nommez de nouveau Vigie administrateur avec le droit de publier, puis "
        "<code>/connect {chat}</code>."
    ),
    "channel_admins_only": (
        "Désolé, seul un administrateur de {title} peut modifier ses réglages, et Telegram "
        "indique que vous ne l'êtes plus."
    ),
    "usage_route": (
        "Tapez <code>/route THÈME</code> ou <code>/route N</code> (filtre N) dans un sujet du "
        "forum de ce groupe : ces alertes arrivent alors dans ce sujet, par ex. "
        "<code>/route nato</code>. <code>/route nato off</code> les renvoie dans General."
    ),
    "route_forum_only": (
        "Les routes sont pour les groupes à sujets : tapez /route dans le sujet du forum qui "
        "doit recevoir les alertes."
    ),
    "route_now": "Les alertes pour {target} arrivent désormais dans ce sujet.",
    "route_off": "Les alertes pour {target} arrivent de nouveau dans General.",
    "route_was_not": "{target} n'avait pas de route : ses alertes vont déjà dans General.",
    "route_fell_back": (
        "⚠️ Le sujet du forum pour {target} est fermé ou supprimé : ses alertes arrivent "
        "désormais dans General. Tapez <code>/route …</code> dans un autre sujet pour changer."
    ),
    "settings_preview": "\nAperçus des liens : {preview}",
    "managing_header": "📢 <b>{title}</b>",
    "menu_preview": "Aperçus des liens : /preview small",
    "menu_trend": "Graphique d'un thème : /trend nato",
    "menu_connect": "Publier les alertes dans un canal",
    "menu_disconnect": "Ne plus publier dans un canal",
    "menu_route": "Dans un sujet de forum : /route nato",
}
