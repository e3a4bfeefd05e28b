# SYNTAX TEST "source.dockerfile" "heredocs: scripts, files, quoted and dash delimiters, two per line"
FROM debian:12
RUN <<EOF
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ meta.heredoc.dockerfile entity.name.tag.heredoc-delimiter.dockerfile
#!/usr/bin/env bash
#<- meta.heredoc.dockerfile source.shell - comment.line.number-sign.dockerfile
set -eu
#<--- meta.heredoc.dockerfile source.shell support.function.builtin.shell
apt-get update && apt-get install -y curl \
#              ^^ source.shell punctuation.separator.statement.and.shell
#                                         ^ - constant.character.escape.line-continuation.dockerfile
    && rm -rf /var/lib/apt/lists/*
EOF
#<--- meta.heredoc.dockerfile entity.name.tag.heredoc-delimiter.dockerfile - source.shell
RUN <<-"SCRIPT" bash
#   ^^^ keyword.operator.heredoc.dockerfile
#       ^^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
#               ^^^^ source.shell
	echo "$HOME"
#^^^^ source.shell support.function.builtin.shell
	SCRIPT
#^^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
COPY --chmod=644 <<EOF /etc/app.conf
#      ^^^^^ entity.other.attribute-name.flag.dockerfile
#                ^^ keyword.operator.heredoc.dockerfile
#                      ^^^^^^^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
# not a comment: file content
#<- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
RUN not an instruction either
#<--- string.unquoted.heredoc.dockerfile - keyword.other.instruction.dockerfile
EOF
#<--- entity.name.tag.heredoc-delimiter.dockerfile
COPY <<one.txt <<'two.txt' /srv/
#      ^^^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
#                 ^^^^^^^ entity.name.tag.heredoc-delimiter.dockerfile
#                          ^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
first file
#<----- string.unquoted.heredoc.dockerfile
one.txt
#<------- entity.name.tag.heredoc-delimiter.dockerfile
second file
#<------ string.unquoted.heredoc.dockerfile
two.txt
#<------- entity.name.tag.heredoc-delimiter.dockerfile
RUN python3 <<PY > /out.txt
#   ^^^^^^^ source.shell
#             ^^ entity.name.tag.heredoc-delimiter.dockerfile
#                ^ source.shell keyword.operator.redirect.shell
print("hello")
#<----- string.unquoted.heredoc.dockerfile
PY
#<-- entity.name.tag.heredoc-delimiter.dockerfile
USER nobody
#<---- keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
