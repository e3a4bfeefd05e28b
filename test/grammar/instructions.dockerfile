# SYNTAX TEST "source.dockerfile" "every instruction, any case, ONBUILD triggers, flags"
FROM --platform=$BUILDPLATFORM registry.example.com:5000/team/app:1.2.3@sha256:0123abcd AS builder
#<---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
#    ^^ punctuation.definition.flag.dockerfile
#      ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                ^^^^^^^^^^^^^ variable.other.dockerfile
#                              ^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                                                   ^^^^ - constant.other.tag.dockerfile
#                                                                 ^^^^^ constant.other.tag.dockerfile
#                                                                      ^ punctuation.separator.digest.dockerfile
#                                                                       ^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
#                                                                                       ^^ keyword.other.as.dockerfile
#                                                                                          ^^^^^^^ entity.name.type.stage.dockerfile
from scratch as final
#<---- keyword.other.instruction.dockerfile
#    ^^^^^^^ entity.name.type.image.dockerfile
#            ^^ keyword.other.as.dockerfile
#               ^^^^^ entity.name.type.stage.dockerfile
  Maintainer someone
# ^^^^^^^^^^ keyword.other.instruction.dockerfile
ADD --checksum=sha256:abc --chown=1000:1000 https://example.com/a.tgz /tmp/
#<--- keyword.other.instruction.dockerfile
#     ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                           ^^^^^ entity.other.attribute-name.flag.dockerfile
#                                 ^^^^^^^^^ string.unquoted.flag-value.dockerfile
COPY --from=builder --link /out /app
#<---- keyword.other.instruction.dockerfile
#      ^^^^ entity.other.attribute-name.flag.dockerfile
#           ^^^^^^^ string.unquoted.flag-value.dockerfile
#                     ^^^^ entity.other.attribute-name.flag.dockerfile
ARG TARGETARCH
#<--- keyword.other.instruction.dockerfile
#   ^^^^^^^^^^ variable.other.key.dockerfile
ENV LEGACY value with spaces
#<--- keyword.other.instruction.dockerfile
#   ^^^^^^ variable.other.key.dockerfile
LABEL version=1
#<----- keyword.other.instruction.dockerfile
EXPOSE 8080/tcp
#<------ keyword.other.instruction.dockerfile
STOPSIGNAL SIGTERM
#<---------- keyword.other.instruction.dockerfile
USER app:app
#<---- keyword.other.instruction.dockerfile
VOLUME /data
#<------ keyword.other.instruction.dockerfile
WORKDIR /app
#<------- keyword.other.instruction.dockerfile
SHELL ["/bin/sh", "-c"]
#<----- keyword.other.instruction.dockerfile
HEALTHCHECK NONE
#<----------- keyword.other.instruction.dockerfile
#           ^^^^ keyword.other.instruction.dockerfile
ONBUILD COPY . /src
#<------- keyword.other.instruction.onbuild.dockerfile
#       ^^^^ meta.instruction.other.dockerfile keyword.other.instruction.dockerfile
onbuild run make install
#<------- keyword.other.instruction.onbuild.dockerfile
#       ^^^ keyword.other.instruction.dockerfile
#           ^^^^ source.shell
ONBUILD ENV MODE=prod
#       ^^^ keyword.other.instruction.dockerfile
#           ^^^^ variable.other.key.dockerfile
RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked --network=none pip install -r requirements.txt
#     ^^^^^ entity.other.attribute-name.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ variable.parameter.flag-key.dockerfile
#                ^^^^^ string.unquoted.flag-value.dockerfile
#                     ^ punctuation.separator.comma.dockerfile
#                      ^^^^^^ variable.parameter.flag-key.dockerfile
#                             ^^^^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                              ^^^^^^^ variable.parameter.flag-key.dockerfile
#                                                               ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                       ^^^^ string.unquoted.flag-value.dockerfile
#                                                                            ^^^ source.shell - entity.other.attribute-name.flag.dockerfile
#                                                                                        ^^ source.shell - entity.other.attribute-name.flag.dockerfile
# a comment
#<- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# ^^^^^^^^^ comment.line.number-sign.dockerfile
    # an indented comment
#   ^ comment.line.number-sign.dockerfile
