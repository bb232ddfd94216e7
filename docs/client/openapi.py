"""Write the app's OpenAPI document beside this file, for openapi-typescript (make client)."""

import json
from pathlib import Path

from app.main import create_app

if __name__ == "__main__":
    target = Path(__file__).with_name("openapi.json")
    target.write_text(json.dumps(create_app().openapi(), ensure_ascii=False), encoding="utf-8")
