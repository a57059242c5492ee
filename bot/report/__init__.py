"""Reports drawn from what Vigie stored: stories per day on a topic, alerts sent per day."""
