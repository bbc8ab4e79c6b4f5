# syntax=docker/dockerfile:1
# InsightX images. Targets:
#   app            the Slack app, queue workers and CLI (`insightx start` / `insightx worker`)
#   python-worker  the jailed Python worker the app runs with SANDBOX=docker (no network, read-only, nobody)
# Build: docker build --target app -t insightx . && docker build --target python-worker -t insightx-python-worker .

ARG NODE_IMAGE=node:20-bookworm
ARG NODE_SLIM_IMAGE=node:20-bookworm-slim

# ---- build: compile canvas against Debian's cairo/pango, install, compile TypeScript ------------------------------
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential pkg-config python3 \
      libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the committed lock file (it lists every platform's optional packages), as scripts/setup.sh does.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

# ---- python-worker: Debian's python3 analytics stack, the same packages the tests run against ------------------------
FROM debian:bookworm-slim AS python-worker
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas python3-scipy \
      python3-statsmodels python3-sklearn \
 && rm -rf /var/lib/apt/lists/*
COPY src/sandbox/python /opt/insightx
ENV PYTHONDONTWRITEBYTECODE=1
USER 65534:65534
WORKDIR /tmp
# The app starts it with `docker run --network none --read-only --tmpfs /tmp ... IMAGE /usr/bin/python3 -I -B
# /opt/insightx/worker.py --scratch /tmp` and speaks the worker protocol over stdio.
CMD ["/usr/bin/python3", "-I", "-B", "/opt/insightx/worker.py", "--scratch", "/tmp"]

# ---- app ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_SLIM_IMAGE} AS app
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libjpeg62-turbo libgif7 librsvg2-2 libpixman-1-0 fonts-dejavu-core \
      python3 python3-numpy python3-pandas python3-scipy python3-statsmodels python3-sklearn bubblewrap \
      docker.io \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data && ln -s /app/dist/cli/main.js /usr/local/bin/insightx && chmod +x /app/dist/cli/main.js
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/cli/main.js", "start"]
