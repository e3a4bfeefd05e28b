/**
 * Short reference notes for each Dockerfile instruction, shown when hovering its keyword.
 * They stress what affects caching, image size and secrets.
 */
export const INSTRUCTION_NOTES: Record<string, { syntax: string; note: string }> = {
  FROM: {
    syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
    note: 'Starts a build stage from a base image. Everything the base contains ends up in your image, so its variant (slim, alpine, full, distroless) decides size, libc and the tools available. Pin a tag or digest so rebuilds start from the same image. `AS name` lets later stages copy from this one.',
  },
  RUN: {
    syntax: 'RUN [--mount=...] [--network=...] <command>  |  RUN ["executable", "arg", ...]',
    note: 'Runs a command at build time and saves the changed files as a new layer. The layer is reused from cache while the instruction text and every earlier layer are unchanged: files written by the command are not checked, so `apt-get update` in its own RUN can stay stale for months. Files deleted in a later RUN still take space in this one.',
  },
  COPY: {
    syntax: 'COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>',
    note: 'Copies files from the build context (or another stage with `--from`) into the image. The cache key is the content of the copied files: when any of them changes, this layer and every layer after it are rebuilt. Copy rarely changing files (dependency manifests) before frequently changing ones (source code). `.dockerignore` decides what the context holds.',
  },
  ADD: {
    syntax: 'ADD [--chown=...] [--checksum=...] <src>... <dest>',
    note: 'Like COPY, but also unpacks local tar archives and downloads URLs. That extra magic makes builds harder to predict; prefer COPY for local files and `RUN curl` (with a checksum) or `ADD --checksum` for downloads.',
  },
  ENV: {
    syntax: 'ENV <key>=<value> ...',
    note: 'Sets environment variables for the instructions that follow and for containers started from the image. Changing a value rebuilds every layer from this line on.',
  },
  ARG: {
    syntax: 'ARG <name>[=<default>]',
    note: 'Declares a variable for the build, optionally with a default; `docker build --build-arg NAME=value` sets it.',
  },
  WORKDIR: {
    syntax: 'WORKDIR <path>',
    note: 'Sets the working directory for later RUN, COPY, CMD and ENTRYPOINT instructions, creating it if needed. Use absolute paths; relative ones are resolved against the previous WORKDIR. Prefer it to `RUN cd ...`, which does not persist.',
  },
  USER: {
    syntax: 'USER <user>[:<group>]',
    note: 'Sets the user (and group) for later RUN instructions and for the container\'s process. Without it the container runs as root, so a compromised application has root inside the container. Create an unprivileged user and switch to it before CMD.',
  },
  EXPOSE: {
    syntax: 'EXPOSE <port>[/<protocol>] ...',
    note: 'Documents which ports the application listens on. It publishes nothing: `docker run -p host:container` (or `-P`) makes a port reachable from outside.',
  },
  CMD: {
    syntax: 'CMD ["executable", "arg", ...]  |  CMD command arg ...',
    note: 'The default command (or default arguments to ENTRYPOINT) when a container starts; `docker run image other-command` replaces it. Use the JSON (exec) form so your process is PID 1 and receives SIGTERM; the shell form wraps it in `/bin/sh -c`, which does not forward signals.',
  },
  ENTRYPOINT: {
    syntax: 'ENTRYPOINT ["executable", "arg", ...]',
    note: 'The executable a container always runs; CMD then supplies its default arguments. Use the exec form so signals reach your process. Only the last ENTRYPOINT counts.',
  },
  HEALTHCHECK: {
    syntax: 'HEALTHCHECK [--interval=30s --timeout=3s --start-period=0s --retries=3] CMD <command>  |  HEALTHCHECK NONE',
    note: 'Tells Docker how to test that the container still works. Orchestrators and `docker ps` then report it as healthy or unhealthy, and can restart it. The command must exit 0 when healthy.',
  },
  LABEL: {
    syntax: 'LABEL <key>=<value> ...',
    note: 'Adds metadata (source repository, version, licence) to the image. Labels cost no layer and are visible with `docker inspect`.',
  },
  VOLUME: {
    syntax: 'VOLUME ["/data"]',
    note: 'Declares a mount point for data that should live outside the container\'s writable layer. Changes a later RUN makes inside that path are discarded at build time.',
  },
  SHELL: {
    syntax: 'SHELL ["executable", "parameters"]',
    note: 'Replaces the shell used by shell-form RUN, CMD and ENTRYPOINT, for example `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` so failures inside pipes fail the build.',
  },
  STOPSIGNAL: { syntax: 'STOPSIGNAL <signal>', note: 'The signal `docker stop` sends to ask the container to exit (default SIGTERM).' },
  ONBUILD: { syntax: 'ONBUILD <INSTRUCTION>', note: 'Registers an instruction to run when another Dockerfile uses this image as its base. Triggers are easy to forget and surprise downstream builds; use them sparingly.' },
  MAINTAINER: { syntax: 'MAINTAINER <name>', note: 'Deprecated. Use `LABEL org.opencontainers.image.authors="..."` instead.' },
};
