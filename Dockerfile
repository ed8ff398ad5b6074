# UPR Monitor in a container, closed (login mode): `docker build -t upr-monitor .` then
#   docker run -p 8501:8501 -e UPR_MONITOR_SOURCE="gsheet:KEY" -v upr-snapshots:/app/.upr-monitor \
#     -v "$PWD/.streamlit/secrets.toml:/app/.streamlit/secrets.toml:ro" upr-monitor
# tests/test_deploy.py runs the same install and start steps in a fresh virtual environment and
# probes the same health check, so CI proves this recipe without a container engine.
FROM python:3.11-slim

# No PYTHONDONTWRITEBYTECODE: the project is compiled once below, not again at every start.
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Closed: members sign in (the [auth] table of secrets.toml, and the Members tab), whatever config/settings.toml
# says. Until sign-in is set up, visitors see a Sign in page and no data; read-only links keep working.
ENV UPR_MONITOR_ACCESS_MODE=login

WORKDIR /app

# Chromium turns charts into images and reports into PDF; the Khmer OS fonts render Khmer in both.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-khmeros \
    && rm -rf /var/lib/apt/lists/*
ENV BROWSER_PATH=/usr/bin/chromium

COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin upr
COPY --chown=upr:upr . .
RUN python -m compileall -q -j 0 upr_sheets pages dashboard.py && chown -R upr:upr /app
# The last good snapshot and the sync log; mount a volume here so they outlive the container.
RUN mkdir -p /app/.upr-monitor/snapshots && chown -R upr:upr /app/.upr-monitor
VOLUME ["/app/.upr-monitor"]
USER upr

EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() == b'ok' else 1)"]

# `streamlit run dashboard.py` with the dashboard's code imported and plotly warmed before the health check answers,
# so the first visitor does not wait for it (upr_sheets/app/serve.py). No file watcher: the image's files never
# change, and watching them costs a thread per process.
CMD ["python", "-m", "upr_sheets.app.serve", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
