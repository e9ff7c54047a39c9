#!/bin/sh
# fetch-registers.sh: page through the PTV and TPR APIs with curl into a
# folder that `neuvoo catalogue import ptv|tpr` reads.
#
#   fetch-registers.sh [options] DIR
#     --municipality CODE   PTV: a municipality's channels, services and
#                           organisations (repeat for more; default 091)
#     --ptv-base URL        PTV Open API (default
#                           https://api.palvelutietovaranto.suomi.fi/api/v11)
#     --tpr-base URL        TPR REST API (default
#                           https://www.hel.fi/palvelukarttaws/rest)
#     --no-ptv, --no-tpr    skip one register
#     --max-pages N         at most N pages a list (default 1000)
#
# Writes DIR/ptv/{channels,services,organizations}-CODE-N.json (the API's
# pages as they are) and DIR/tpr/{units,descriptions,ontologywords,
# ontologytree}.json. Everything is
# fetched into DIR.new first and moved into place only when every page
# arrived, so a failed night never leaves half a register behind: on any
# error DIR is unchanged and the exit status is 1. Then, for example:
#   neuvoo catalogue import ptv --municipality 091 DIR/ptv
#   neuvoo catalogue import tpr DIR/tpr
set -eu

ptv_base=https://api.palvelutietovaranto.suomi.fi/api/v11
tpr_base=https://www.hel.fi/palvelukarttaws/rest
munis=""
do_ptv=yes
do_tpr=yes
max_pages=1000

usage() {
	echo "usage: fetch-registers.sh [--municipality CODE]... [--ptv-base URL] [--tpr-base URL] [--no-ptv] [--no-tpr] [--max-pages N] DIR" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--municipality) [ $# -ge 2 ] || usage; munis="$munis $2"; shift 2 ;;
	--ptv-base) [ $# -ge 2 ] || usage; ptv_base=$2; shift 2 ;;
	--tpr-base) [ $# -ge 2 ] || usage; tpr_base=$2; shift 2 ;;
	--max-pages) [ $# -ge 2 ] || usage; max_pages=$2; shift 2 ;;
	--no-ptv) do_ptv=no; shift ;;
	--no-tpr) do_tpr=no; shift ;;
	--) shift; break ;;
	-*) echo "fetch-registers.sh: unknown option '$1'" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
dir=${1%/}
[ -n "$munis" ] || munis=091
case $max_pages in ''|*[!0-9]*) echo "fetch-registers.sh: --max-pages needs a number" >&2; exit 2 ;; esac
command -v curl >/dev/null 2>&1 || {
	echo "fetch-registers.sh: curl is needed (Debian package curl)" >&2
	exit 1
}

work="$dir.new"
rm -rf "$work"
mkdir -p "$work/ptv" "$work/tpr"
trap 'rm -rf "$work"' EXIT

# get URL FILE: one page, or the whole run fails naming it.
get() {
	if ! curl --fail --silent --show-error --location --retry 3 \
		--max-time 300 -o "$2" "$1"; then
		echo "fetch-registers.sh: $1: download failed; $dir is unchanged" >&2
		exit 1
	fi
}

# pages KIND PATH CODE: page 1, then as many as its pageCount says.
pages() {
	n=1
	count=1
	while [ "$n" -le "$count" ] && [ "$n" -le "$max_pages" ]; do
		f="$work/ptv/$1-$3-$n.json"
		get "$ptv_base/$2?page=$n" "$f"
		if [ "$n" -eq 1 ]; then
			count=$(tr -d '\n' <"$f" | sed -n 's/.*"pageCount"[ ]*:[ ]*\([0-9][0-9]*\).*/\1/p')
			[ -n "$count" ] || count=1
		fi
		n=$((n + 1))
	done
}

if [ "$do_ptv" = yes ]; then
	for code in $munis; do
		case $code in *[!0-9]*|'') echo "fetch-registers.sh: '$code' is no municipality code (e.g. 091)" >&2; exit 2 ;; esac
		pages channels "ServiceChannel/list/area/Municipality/code/$code" "$code"
		pages services "Service/list/area/Municipality/code/$code" "$code"
		pages organizations "Organization/list/area/Municipality/code/$code" "$code"
	done
fi
if [ "$do_tpr" = yes ]; then
	get "$tpr_base/v4/unit/?newfeatures=yes" "$work/tpr/units.json"
	get "$tpr_base/vpalvelurekisteri/description/" "$work/tpr/descriptions.json"
	# The ontology's words and tree: their names key the topic table.
	get "$tpr_base/v4/ontologyword/" "$work/tpr/ontologywords.json"
	get "$tpr_base/v4/ontologytree/" "$work/tpr/ontologytree.json"
fi

# Into place: the old folder goes only once the new one is complete.
rm -rf "$dir.old"
if [ -d "$dir" ]; then
	mv "$dir" "$dir.old"
fi
mv "$work" "$dir"
rm -rf "$dir.old"
trap - EXIT
echo "fetch-registers.sh: $(find "$dir" -name '*.json' | wc -l) pages in $dir"
