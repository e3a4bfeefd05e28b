# SYNTAX TEST "source.dockerfile" "embedded shell in RUN, shell-form CMD, ENTRYPOINT and HEALTHCHECK CMD; continuations"
FROM debian:12
RUN apt-get update \
#   ^^^^^^^ meta.embedded.shell.dockerfile source.shell entity.name.command.shell
#                  ^ constant.character.escape.line-continuation.dockerfile
 # a comment inside the instruction, dropped by the builder
#^ comment.line.number-sign.dockerfile
#    ^^^^^^^ comment.line.number-sign.dockerfile

 && apt-get install -y --no-install-recommends curl \
#^^ meta.instruction.run.dockerfile source.shell punctuation.separator.statement.and.shell
#                      ^^^^^^^^^^^^^^^^^^^^^^^ source.shell - entity.other.attribute-name.flag.dockerfile
#                                                   ^ constant.character.escape.line-continuation.dockerfile
 && rm -rf /var/lib/apt/lists/*
#   ^^ meta.instruction.run.dockerfile source.shell entity.name.command.shell
RUN if [ -f /etc/os-release ]; then echo "$(uname -m)" | tee /arch; fi
#   ^^ source.shell keyword.control.if.shell
#                              ^^^^ source.shell keyword.control.then.shell
#                                                      ^ source.shell keyword.operator.pipe.shell
#                                                                   ^^ source.shell keyword.control.fi.shell
CMD echo "hello $USER" >&2
#<--- keyword.other.instruction.dockerfile
#   ^^^^ meta.instruction.command.dockerfile source.shell entity.name.command.shell
#        ^^^^^^^ source.shell string.quoted.double.shell
#                ^^^^ source.shell variable.other.normal.shell
ENTRYPOINT exec gunicorn app:main
#<---------- keyword.other.instruction.dockerfile
#          ^^^^ source.shell
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1
#                            ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                       ^^^ keyword.other.instruction.dockerfile
#                                           ^^^^ meta.instruction.healthcheck.dockerfile source.shell entity.name.command.shell
#                                                                                  ^^ source.shell
WORKDIR /srv
#<------- keyword.other.instruction.dockerfile - source.shell
RUN if [ -n "$CI" ]; then \
#   ^^ keyword.control.if.shell
        echo ci; \
    fi
#   ^^ meta.instruction.run.dockerfile source.shell keyword.control.fi.shell
ENV AFTER_IF=1
#<--- keyword.other.instruction.dockerfile - source.shell meta.scope.if-block.shell
RUN apt-get install -y \
#   ^^^^^^^ entity.name.command.shell
        ca-certificates \
#       ^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile source.shell meta.argument.shell - entity.name.command.shell
        curl
#       ^^^^ meta.argument.shell - entity.name.command.shell
RUN echo "an unclosed quote
#        ^^^^^^^^^^^^^^^^^^ string.quoted.double.shell
EXPOSE 8080
#<------ keyword.other.instruction.dockerfile - string.quoted.double.shell source.shell
RUN if (Test-Path C:\app) { Write-Host found }
#   ^^ source.shell
USER app
#<---- keyword.other.instruction.dockerfile - source.shell meta.scope.if-block.shell
RUN cat <<EOF > /etc/motd && chmod 644 /etc/motd
#   ^^^ entity.name.command.shell
#         ^^^ entity.name.tag.heredoc-delimiter.dockerfile
#                         ^^ source.shell punctuation.separator.statement.and.shell
#                            ^^^^^ source.shell
hello "there
#<----- string.unquoted.heredoc.dockerfile
EOF
#<--- entity.name.tag.heredoc-delimiter.dockerfile
CMD ["/bin/true"]
#<--- keyword.other.instruction.dockerfile - source.shell
