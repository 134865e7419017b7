"""ASGI entry point for uvicorn/gunicorn: `uvicorn app.asgi:app`. Migrations ran in `meishi serve`."""

from app.main import create_app

app = create_app(migrate=False)
