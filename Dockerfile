# lexgraph on Python 3.11: the pinned, hash-checked dependencies of requirements.lock, then lexgraph itself.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Graphviz's `dot` and a font with every Vietnamese letter, for the SVG/PNG exports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, in their own layer: it is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY ingest ./ingest
COPY graph ./graph
COPY api ./api
RUN pip install --no-deps .

# The example corpus, for `lexgraph ingest examples/corpus` (docker-compose.yml).
COPY examples ./examples

RUN useradd --create-home --uid 10001 lexgraph
USER lexgraph

EXPOSE 8000
CMD ["lexgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
