# syntax=docker/dockerfile:1
# minato-navi (みなとナビ) in a container.
# NOT built or run by this repository's tests: there is no container runtime where they run.
# It only wraps the commands test/ops/production.test.ts runs on every `npm test`:
#   npm ci && npm run build · npm ci --omit=dev ·
#   MALLOC_MMAP_THRESHOLD_=131072 node_modules/.bin/node --max-semi-space-size=16 --heap-growing-percent=25 dist/main.js
# Node.js 24 comes from the lockfile's `node` package (node_modules/.bin/node), as in the test.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM debian:bookworm-slim
# redis-server: the bot's own Redis when REDIS_URL is unset (Debian 12: Redis 7.0).
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin minato \
 && mkdir -p /data && chown minato:minato /data && chmod 700 /data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prompts ./prompts
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
# The memory settings npm start and the systemd unit use too (docs/benchmarks.md): glibc returns
# freed blocks of 128 KiB and more to the system instead of keeping them in its heap.
ENV MALLOC_MMAP_THRESHOLD_=131072
VOLUME ["/data"]
USER minato
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/app/node_modules/.bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["/app/node_modules/.bin/node", "--max-semi-space-size=16", "--heap-growing-percent=25", "dist/main.js"]
