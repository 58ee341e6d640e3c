# One image for every service of the hub; docker-compose picks the entry point per service.
FROM node:20.20-bookworm-slim AS build
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
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
# No secrets in the image: every credential comes from the environment at run time.
CMD ["node", "dist/gateway/main.js"]
