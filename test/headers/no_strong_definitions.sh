#!/bin/sh
# The test `trusthub_header_tests`: NM PROGRAM OBJECT...
# PROGRAM exists only when the last build compiled every header alone (CMakeLists.txt deletes
# it before each build). Each OBJECT includes every public header, header-only: every
# definition it holds must then be inline (weak, or unique for an inline variable), since a
# header is included by many files of one program; a strong definition would be defined again
# in each of them, and a program that includes the header twice would not link.
set -eu
nm=$1 program=$2
shift 2
if [ ! -x "$program" ]; then
    echo "$program is missing: the last build did not compile every header alone"
    exit 1
fi
status=0
for object in "$@"; do
    # Defined, external symbols whose type is neither W/V (weak) nor u (unique): the object's
    # own marker function aside.
    strong=$("$nm" -C --defined-only --extern-only "$object" | awk '$2 !~ /^[WVu]$/' | grep -v 'trusthub_all_headers' || true)
    if [ -n "$strong" ]; then
        echo "$object: definitions that are not inline, from a header:"
        echo "$strong"
        status=1
    fi
done
[ $status = 0 ] && echo "every public header compiles alone (in both modes where they differ), and defines only inline entities"
exit $status
