"""API keys, their scopes, and who may call which route."""
