"""The running systems' access logs: ingestion, pseudonyms, retention, search and anomaly reports."""
