# Shared by tests/fuzz/run and tests/fuzz/campaign (sourced, not run):
# the table of targets (tests/fuzz/targets) and the fuzz build.
# root must be set to the repository's top.

# Every target's name, in the table's order.
fuzz_targets() {
	awk '/^[a-z]/ { print $1 }' "$root/tests/fuzz/targets"
}

# The target called NAME, by its own name or its short one; nothing if
# there is none.
fuzz_resolve() {
	awk -v n="$1" '/^[a-z]/ && ($1 == n || $2 == n) { print $1; exit }' \
		"$root/tests/fuzz/targets"
}

# The short names, for usage messages: "pcmk|wsfc|...".
fuzz_short_names() {
	awk '/^[a-z]/ { printf "%s%s", sep, $2; sep = "|" } END { print "" }' \
		"$root/tests/fuzz/targets"
}

# The longest input TARGET is given (-max_len).
fuzz_max_len() {
	awk -v t="$1" '$1 == t { print $5 }' "$root/tests/fuzz/targets"
}

# Copies TARGET's seed files into DIR (a libFuzzer corpus is a directory).
fuzz_seed() {
	local target=$1 dir=$2 globs g f
	globs=$(awk -v t="$target" '$1 == t { for (i = 6; i <= NF; i++) print $i }' \
		"$root/tests/fuzz/targets")
	mkdir -p "$dir"
	for g in $globs; do
		for f in "$root"/$g; do
			[ -f "$f" ] && cp "$f" "$dir"/
		done
	done
	return 0
}

# Configures and builds the libFuzzer targets (clang, ASan+UBSan) in
# BUILD; the targets to build follow (none: all).
fuzz_build() {
	local build=$1
	shift
	local targets=("$@")
	if ! command -v clang >/dev/null; then
		echo "fuzz: needs clang (libFuzzer)" >&2
		return 1
	fi
	[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(fuzz_targets)
	# Debug keeps the assertions; -O1 makes it several times faster than
	# Debug's unoptimized code, which matters for a 10-million-run goal.
	CC=clang cmake -S "$root" -B "$build" -DCCON_FUZZ=ON -DBUILD_TESTING=OFF \
		-DCCON_WERROR=ON -DCCON_SANITIZE=address,undefined \
		-DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=-O1 >/dev/null
	cmake --build "$build" -j "$(nproc)" --target "${targets[@]}" >/dev/null
}

# What the sanitizers do in a fuzz run: leaks reported, every error fatal.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
