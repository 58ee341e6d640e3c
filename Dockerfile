# One image for every service of the hub; docker-compose picks the entry point per service.
# Node 26 is the current LTS line (Active LTS since October 2026); Node 20 reached its end of life on 2026-04-30.
FROM node:26.10-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY auth ./auth
COPY schema ./schema
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY scripts ./scripts
COPY bench ./bench
# The KDN portal: `npm run build` builds it (portal/dist), and the gateway serves it under /portal/.
COPY portal ./portal
# The runtime keeps production dependencies only (no embedded PostgreSQL binaries, no test tools)
# and none of the development parts: the demo realm with its users and secrets, the development identity provider, the benches.
RUN npm run build && npm prune --omit=dev \
  && rm -rf dist/bench dist/auth/realm dist/auth/idp dist/scripts/start.js dist/scripts/hub-process.js dist/scripts/supervisor

FROM node:26.10-trixie-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
# The hub's V8 flags (scripts/node-flags.ts): a young generation that fits a few requests' garbage.
ENV NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/portal/dist ./portal/dist
COPY package.json ./
USER node
# No secrets in the image: every credential comes from the environment at run time.
CMD ["node", "dist/gateway/main.js"]
