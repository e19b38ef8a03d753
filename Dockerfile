# One image for every component (api: `npm start`, worker: `npm run worker`, migrate job:
# `node apps/cli/bin.js db migrate`), as helm/README.md ("The image") describes: the repository
# root as working directory, production node_modules, the web app prebuilt, uid 1000 (`node`).
# npm 11 so that package.json's `allowScripts` decides which install scripts run.

FROM node:20-bookworm-slim AS web
WORKDIR /app
RUN npm install -g npm@11
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build:web

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN npm install -g npm@11
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
# the built-in evaluator's compact word vectors, derived once here instead of on the first turn
RUN node apps/cli/bin.js evaluator warm
COPY --from=web /app/apps/web/dist apps/web/dist
USER node
EXPOSE 4000
CMD ["npm", "start"]
