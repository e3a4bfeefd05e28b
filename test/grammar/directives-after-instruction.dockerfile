# SYNTAX TEST "source.dockerfile" "a directive after the first instruction is a comment"
FROM alpine:3.20
# syntax=docker/dockerfile:1
#<- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
