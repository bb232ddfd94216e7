"""Rate limits per API key and per client address, shared by every worker."""
