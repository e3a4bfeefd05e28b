# SYNTAX TEST "source.dockerfile" "variables and their modifiers"
ARG BASE=alpine
#<--- keyword.other.instruction.dockerfile
#   ^^^^ variable.other.key.dockerfile
FROM ${BASE}:3.20 AS build
#    ^^ meta.variable.expansion.dockerfile punctuation.definition.variable.begin.dockerfile
#      ^^^^ meta.variable.expansion.dockerfile variable.other.dockerfile
#          ^ punctuation.definition.variable.end.dockerfile
#            ^^^^ constant.other.tag.dockerfile
ENV HOME_DIR=$HOME PLAIN=x
#            ^ punctuation.definition.variable.dockerfile
#             ^^^^ variable.other.dockerfile
#                  ^^^^^ variable.other.key.dockerfile
ENV A=${X:-default} B=${X:+set} C=${X:?missing} D=${X-unset}
#        ^^ keyword.operator.expansion.dockerfile
#          ^^^^^^^ string.unquoted.expansion-word.dockerfile
#                        ^^ keyword.operator.expansion.dockerfile
#                                    ^^ keyword.operator.expansion.dockerfile
#                                      ^^^^^^^ string.unquoted.expansion-word.dockerfile
#                                                    ^ keyword.operator.expansion.dockerfile
ENV E=${P#*/} F=${P##*/} G=${P%.*} H=${P%%.*} I=${P/old/new} J=${P//a/b}
#        ^ keyword.operator.expansion.dockerfile
#                  ^^ keyword.operator.expansion.dockerfile
#                              ^^ string.unquoted.expansion-word.dockerfile
#                             ^ keyword.operator.expansion.dockerfile
#                                       ^^ keyword.operator.expansion.dockerfile
#                                                  ^ keyword.operator.expansion.dockerfile
#                                                   ^^^ string.unquoted.expansion-word.dockerfile
#                                                      ^ keyword.operator.expansion.dockerfile
#                                                                 ^^ keyword.operator.expansion.dockerfile
ENV K=${OUTER:-${INNER}} L="quoted $M" N='single $O' P=\$Q
#       ^^^^^ variable.other.dockerfile
#                ^^^^^ meta.variable.expansion.dockerfile meta.variable.expansion.dockerfile variable.other.dockerfile
#                                   ^ string.quoted.double.dockerfile variable.other.dockerfile
#                                                ^^ string.quoted.single.dockerfile - variable.other.dockerfile
#                                                      ^^ constant.character.escape.dockerfile
WORKDIR /app/${VERSION}
#              ^^^^^^^ meta.instruction.other.dockerfile variable.other.dockerfile
LABEL "org.opencontainers.image.version"="$VERSION" maintainer=me
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ variable.other.key.dockerfile
#                                          ^^^^^^^ variable.other.dockerfile
#                                                   ^^^^^^^^^^ variable.other.key.dockerfile
ENV FIRST=1 \
SECOND=2
#<------ meta.instruction.assignment.dockerfile variable.other.key.dockerfile
