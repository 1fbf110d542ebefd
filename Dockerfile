# Build stage: the same Maven build a developer runs; tests run in CI, not in the image build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY openapi.yaml ./
# the agent SDK served at /sdk/* and /agent (pom.xml copies it into the jar)
COPY web/agent-sdk ./web/agent-sdk
RUN mvn -B -q package -DskipTests

# Runtime stage: a JRE, the fat jar, and an unprivileged user. The jar is built for Java 17 and runs on 25 here, for
# its generational ZGC (below).
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app carepulse
WORKDIR /app
COPY --from=build /src/target/carepulse.jar /app/carepulse.jar
USER carepulse
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# Heap sized from the container's memory limit, all of it reserved and touched at start (a heap page first touched
# under load is a page fault inside a GC pause: docs/performance.md, "First touch"); generational ZGC, whose pauses
# stay under a millisecond while a node keeps every live call's history (G1's young pauses there are 50-120 ms, and
# they were the ack p99: docs/performance.md, "The collector"); and a JVM out of memory exits
# (the orchestrator restarts it; a half-dead node would keep its sockets). More JVM flags: -e JAVA_TOOL_OPTIONS=..., which the JVM reads itself.
# Exec form, no shell: the JVM is PID 1 and receives SIGTERM (agents then get close 1001 and resume elsewhere), and
# `docker run carepulse --config /etc/carepulse.json` appends its arguments to `serve`.
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-XX:+AlwaysPreTouch", "-XX:+UseZGC", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/carepulse.jar", "serve"]
