# SYNTAX TEST "source.dockerfile" "escape=` : backtick continues lines, backslash is a plain character"
# escape=`
#<- meta.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#        ^ meta.directive.dockerfile string.unquoted.directive-value.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ meta.escape-backtick.dockerfile meta.directive.dockerfile keyword.other.directive.dockerfile
FROM mcr.microsoft.com/windows/servercore:ltsc2022
#<---- meta.escape-backtick.dockerfile meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
#                                         ^^^^^^^^ constant.other.tag.dockerfile
WORKDIR C:\app\
#         ^^^^^ meta.instruction.other.dockerfile - constant.character.escape.line-continuation.dockerfile
RUN powershell -Command `
#   ^^^^^^^^^^ source.shell
#                       ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    Write-Host 'building'; `
#   ^^^^^^^^^^ meta.instruction.run.dockerfile source.shell meta.argument.shell
#              ^^^^^^^^^^ meta.instruction.run.dockerfile source.shell string.quoted.single.shell
#                          ^ constant.character.escape.line-continuation.dockerfile
    New-Item -ItemType Directory C:\data
#   ^^^^^^^^ meta.instruction.run.dockerfile source.shell
COPY --chown=app app.ps1 C:\app\
#<---- meta.instruction.other.dockerfile keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
#      ^^^^^ entity.other.attribute-name.flag.dockerfile
ENV PATH=C:\tools;${PATH} `
#   ^^^^ variable.other.key.dockerfile
#                         ^ constant.character.escape.line-continuation.dockerfile
    MODE=release
#   ^^^^ meta.instruction.assignment.dockerfile variable.other.key.dockerfile
CMD ["powershell", "C:\\app\\app.ps1"]
#<--- keyword.other.instruction.dockerfile
#                     ^^ meta.exec-form.dockerfile constant.character.escape.json.dockerfile
