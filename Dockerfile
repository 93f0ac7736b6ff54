# syntax=docker/dockerfile:1
# pi agent server. Build: docker build -t pi-agent-server .
# Running it (the sandbox needs user namespaces inside the container): docs/deploy.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json ./packages/client/
COPY packages/console/package.json ./packages/console/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY packages/console ./packages/console
RUN npm run build

FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends bubblewrap slirp4netns git ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/client/package.json ./packages/client/
COPY packages/console/package.json ./packages/console/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY openapi.json ./
COPY libexec ./libexec
COPY builder-agent ./builder-agent

RUN mkdir /workspace && chown node:node /workspace
ENV WORKSPACE_DIR=/workspace \
  AGENT_SERVER_HOST=0.0.0.0 \
  AGENT_SERVER_PORT=4001
VOLUME ["/workspace"]
EXPOSE 4001
USER node

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const t=process.env.AGENT_SERVER_TOKEN;fetch(`http://127.0.0.1:${process.env.AGENT_SERVER_PORT||4001}/v1/healthz`,{headers:t?{authorization:`Bearer ${t}`}:{}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "dist/server.js"]
