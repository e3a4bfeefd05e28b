# SYNTAX TEST "source.dockerfile" "parser directives: only in the block of directive lines at the top"
# syntax=docker/dockerfile:1.7
#<- meta.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#  CHECK = skip=JSONArgsRecommended;error=true
#  ^^^^^ keyword.other.directive.dockerfile
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
# escape=\
# ^^^^^^ keyword.other.directive.dockerfile
#        ^ string.unquoted.directive-value.dockerfile - constant.character.escape.line-continuation.dockerfile
# an ordinary comment ends the directive block
#<- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - meta.directive.dockerfile
# check=skip=all
#<- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
FROM alpine:3.20
# syntax=late/ignored
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
