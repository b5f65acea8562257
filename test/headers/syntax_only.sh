#!/bin/sh
# Compiler launcher of the header tests: the compiler's own command, with -fsyntax-only added,
# and the object it was asked for left as an empty file, so that the build system sees it made
# and compiles the header again only when it changes. Whether a header compiles alone is a
# question for the front end; code generation would cost most of the time and tell nothing more.
out=
prev=
for arg in "$@"; do
    [ "$prev" = -o ] && out=$arg
    prev=$arg
done
"$@" -fsyntax-only || exit
if [ -n "$out" ]; then
    : >"$out"
fi
