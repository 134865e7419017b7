# Meishi API image: Tesseract with the language packs, a non-root user, migrations at start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    MEISHI_HOST=0.0.0.0 MEISHI_PORT=8000 MEISHI_DATA_DIR=/data OMP_THREAD_LIMIT=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
      tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-nld libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/meishi
COPY pyproject.toml README.md alembic.ini constraints.txt ./
COPY app ./app
COPY ocr ./ocr
COPY models ./models
COPY migrations ./migrations
RUN pip install -c constraints.txt '.[rapidocr]'

RUN useradd --create-home --uid 10001 meishi && mkdir -p /data && chown meishi /data
USER meishi
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"

# `meishi serve` applies migrations, then starts uvicorn.
CMD ["meishi", "serve"]
