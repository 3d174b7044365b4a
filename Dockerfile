# The emulator as a service container: production dependencies only, runs as the unprivileged node user.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Behind a TLS-inspecting proxy, docker/ca/*.pem lets npm reach the registry (see docker/ca/README.md);
# it stays in this build stage only.
COPY docker/ca/ /tmp/ca/
RUN if ls /tmp/ca/*.pem >/dev/null 2>&1; then cat /tmp/ca/*.pem > /tmp/extra-ca.pem; export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem; fi \
 && npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    EMULATOR_HOST=0.0.0.0 \
    EMULATOR_PORT=8080 \
    EMULATOR_FIXTURE=default
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY emulator ./emulator
COPY contracts ./contracts
COPY fixtures ./fixtures
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# A place for --state-file that the node user can write (mount a volume there to keep state across containers).
RUN mkdir /data && chown node:node /data
USER node
# The first array's WSAPI; a two-array fixture also uses the next port.
EXPOSE 8080 8081 9080 9081
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
STOPSIGNAL SIGTERM
# node itself is PID 1 (no npm in between), so SIGTERM reaches the emulator's own handler.
ENTRYPOINT ["node", "--import", "tsx", "emulator/cli.ts"]
