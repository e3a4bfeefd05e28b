# SYNTAX TEST "source.dockerfile" "JSON exec form: strings, escapes, brackets"
FROM alpine:3.20
ENTRYPOINT ["/usr/bin/tini", "--"]
#<---------- keyword.other.instruction.dockerfile
#          ^ meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#           ^ meta.exec-form.dockerfile string.quoted.double.json.dockerfile punctuation.definition.string.begin.dockerfile
#            ^^^^^^^^^^^^^ string.quoted.double.json.dockerfile - source.shell
#                          ^ punctuation.separator.array.dockerfile
#                                ^ punctuation.definition.array.end.dockerfile
CMD ["python", "-c", "print(\"hi\\n\")", "\u00e9"]
#                           ^^ constant.character.escape.json.dockerfile
#                               ^^ constant.character.escape.json.dockerfile
#                                         ^^^^^^ constant.character.escape.json.dockerfile
RUN ["sh", "-c", "echo $HOME"]
#                      ^^^^^ string.quoted.double.json.dockerfile - variable.other.dockerfile source.shell
RUN [ "$CI" = true ] && echo ci
#   ^ source.shell - meta.exec-form.dockerfile
#                       ^^^^ source.shell entity.name.command.shell
CMD [ "bad\q" ]
#         ^ invalid.illegal.escape.json.dockerfile
RUN --network=none ["make", \
    "test"]
#   ^^^^^^ meta.exec-form.dockerfile string.quoted.double.json.dockerfile
#         ^ punctuation.definition.array.end.dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
#     ^ meta.json-form.dockerfile punctuation.definition.array.begin.dockerfile
#      ^^^^^^^^^^^ string.quoted.double.json.dockerfile
COPY ["src files/", "$APP_HOME/"]
#                     ^^^^^^^^ meta.json-form.dockerfile string.quoted.double.json.dockerfile variable.other.dockerfile
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
#<----------- keyword.other.instruction.dockerfile
#             ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                      ^^^ string.unquoted.flag-value.dockerfile
#                          ^^^ keyword.other.instruction.dockerfile
#                               ^^^^^^ meta.exec-form.dockerfile string.quoted.double.json.dockerfile
