# Meishi image: the API (`meishi serve`, the default) and the queue worker (`meishi worker`) alike.
# Tesseract with the language packs, a non-root user, migrations at start; no tests, no benchmarks.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    MEISHI_HOST=0.0.0.0 MEISHI_PORT=8000 MEISHI_DATA_DIR=/data OMP_THREAD_LIMIT=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
      tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-nld libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/meishi

# Dependencies first, from the project's declared list within the pinned versions: this layer is rebuilt
# only when pyproject.toml or constraints.txt change, not on every code change.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
print('\n'.join(p['dependencies'] + p['optional-dependencies']['rapidocr']))" > /tmp/requirements.txt \
 && pip install -c constraints.txt -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt
# rapidocr-onnxruntime pulls in OpenCV's GUI build beside the headless one: keep the headless one only.
COPY scripts/headless-opencv.sh /tmp/
RUN bash /tmp/headless-opencv.sh pip && rm /tmp/headless-opencv.sh

# Then the code the service runs (tests, benchmarks and docs stay out; see also .dockerignore).
COPY README.md alembic.ini ./
COPY app ./app
COPY ocr ./ocr
COPY models ./models
COPY migrations ./migrations
RUN pip install --no-deps -c constraints.txt .

RUN useradd --create-home --uid 10001 meishi && mkdir -p /data && chown meishi /data
USER meishi
VOLUME ["/data"]
EXPOSE 8000

# Asks the port the server listens on (MEISHI_PORT, read when the check runs), not a fixed 8000.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('MEISHI_PORT', '8000'); sys.exit(urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).status != 200)"]

# `meishi serve` applies migrations, then starts uvicorn (`--workers N` for several API processes).
CMD ["meishi", "serve"]
