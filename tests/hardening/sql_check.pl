#!/usr/bin/perl
# sql_check.pl: look through C sources for SQL assembled from data.
#
#   perl sql_check.pl [--allow FILE] ROOT FILE.c...
#
# Prints one line per problem, "FILE:LINE: what", and exits 1 when there is
# any (0 when clean, 2 on a usage error). Paths are shown relative to ROOT.
#
# What counts as a problem:
#  - a printf-style call (sqlite3_mprintf, snprintf, xasprintf, ...) whose
#    format holds SQL, or any string literal that holds both SQL and a
#    conversion (%s, %d, %q, ...): SQL built from values;
#  - strcat-style calls (strcat, strncat, stpcpy, ...) with SQL text;
#  - sqlite3_exec() (and libpq's PQexec, PQexecParams, PQsendQuery) on
#    anything but a string literal. A function that only
#    passes one of its own parameters on to sqlite3_exec() is a wrapper:
#    its callers are checked the same way. Other arguments must be in the
#    allow-list, one line each:
#        path/file.c: callee(argument) -- why it is safe
#    An allow-list line that no longer matches anything is a problem too,
#    so the list cannot go stale.
# Comments are ignored; string literals are read as written.
use strict;
use warnings;

my $allow_file;
if (@ARGV && $ARGV[0] eq '--allow') {
	shift @ARGV;
	$allow_file = shift @ARGV;
}
my $root = shift @ARGV;
die "usage: sql_check.pl [--allow FILE] ROOT FILE.c...\n" unless defined $root;

my @problems;
my %seen_line;
sub problem {
	# One problem a line is enough (a format is both a call and a literal).
	return if $seen_line{"$_[0]:$_[1]"}++;
	push @problems, "$_[0]:$_[1]: $_[2]";
}

# SQL in a literal: a statement's first keyword at its start, or a clause
# keyword anywhere (a fragment being appended), in upper case as the sources
# write SQL; or a lower-case statement shape. A message that merely names a
# keyword ("only INSERT statements belong ...") is not SQL.
my $SQL_UC = qr/^\s*(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|ATTACH)\b|\b(?:FROM|WHERE|INTO|VALUES|ORDER BY|GROUP BY|LIMIT|JOIN)\b/;
my $SQL_LC = qr/\b(?:select\b.*\bfrom|insert\s+(?:or\s+\w+\s+)?into|delete\s+from|update\s+\w+\s+set|create\s+(?:table|index|view|trigger)|attach\s+database)\b/i;
sub is_sql { my $s = shift; return $s =~ $SQL_UC || $s =~ $SQL_LC; }
my $CONV = qr/%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfgGcspqQwTSz]/;

my @printf_like = qw(sqlite3_mprintf sqlite3_vmprintf sqlite3_snprintf
	sqlite3_vsnprintf sqlite3_str_appendf sqlite3_str_vappendf printf
	sprintf snprintf vsprintf vsnprintf asprintf vasprintf xasprintf
	xvasprintf dprintf fprintf err_set err_vset err_prefix);
my @strcat_like = qw(strcat strncat strlcat stpcpy stpncpy strcpy strncpy
	sqlite3_str_append sqlite3_str_appendall buf_add);

# Allow-list.
my %allow;	# "file\0callee\0arg" -> [reason, used, line]
if (defined $allow_file) {
	open my $fh, '<', $allow_file or die "$allow_file: $!\n";
	my $n = 0;
	while (my $l = <$fh>) {
		$n++;
		chomp $l;
		next if $l =~ /^\s*(#|$)/;
		if ($l =~ /^(\S+):\s*(\w+)\((.*)\)\s+--\s+(\S.*)$/) {
			$allow{"$1\0$2\0" . norm($3)} = [$4, 0, $n];
		} else {
			problem($allow_file, $n, "cannot read this line; write 'path/file.c: callee(argument) -- why it is safe'");
		}
	}
	close $fh;
}

sub norm { my $s = shift; $s =~ s/\s+/ /g; $s =~ s/^ | $//g; return $s; }

# Blank out comments (keeping newlines and lengths, so offsets still give
# line numbers); string and character literals stay.
sub strip_comments {
	my $t = shift;
	$t =~ s{("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(/\*.*?\*/|//[^\n]*)}{
		defined $1 ? $1 : do { my $c = $2; $c =~ s/[^\n]/ /g; $c }
	}gse;
	return $t;
}

sub line_at { my ($t, $pos) = @_; return 1 + (substr($t, 0, $pos) =~ tr/\n//); }

# The argument list of a call whose '(' is at $pos: (end, [args]) with
# each argument's text, split at top-level commas.
sub call_args {
	my ($t, $pos) = @_;
	my $depth = 0;
	my @args;
	my $cur = '';
	my $n = length $t;
	for (my $i = $pos; $i < $n; $i++) {
		my $c = substr($t, $i, 1);
		if ($c eq '"' || $c eq "'") {
			my $rest = substr($t, $i);
			if ($rest =~ /^("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/s) {
				$cur .= $1;
				$i += length($1) - 1;
				next;
			}
		}
		if ($c eq '(' || $c eq '[' || $c eq '{') {
			$depth++;
			next if $depth == 1;
		} elsif ($c eq ')' || $c eq ']' || $c eq '}') {
			$depth--;
			if ($depth == 0) {
				push @args, $cur;
				return ($i, \@args);
			}
		} elsif ($c eq ',' && $depth == 1) {
			push @args, $cur;
			$cur = '';
			next;
		}
		$cur .= $c;
	}
	return ($n, \@args);
}

sub literals { my $s = shift; my @l = ($s =~ /"((?:\\.|[^"\\\n])*)"/g); return @l; }
sub only_literals {
	my $s = norm(shift);
	$s =~ s/^\(\s*(.*)\s*\)$/$1/;
	return $s =~ /^(?:"(?:\\.|[^"\\\n])*"\s*)+$/;
}

# A function header "type name(params)": [name, [parameter names]], or
# undef for anything else (an initializer, a struct).
sub header {
	my $h = shift;
	$h =~ s/\s+$//;
	return undef unless $h =~ /\)$/;
	my ($depth, $open) = (0, -1);
	for (my $i = length($h) - 1; $i >= 0; $i--) {
		my $c = substr($h, $i, 1);
		$depth++ if $c eq ')';
		$depth-- if $c eq '(';
		if ($depth == 0) { $open = $i; last; }
	}
	return undef if $open < 0;
	my $before = substr($h, 0, $open);
	return undef unless $before =~ /(\w+)\s*$/;
	my $name = $1;
	return undef if $name =~ /^(?:if|while|for|switch|return|sizeof)$/;
	my $inner = substr($h, $open + 1, length($h) - $open - 2);
	my (@params, $cur);
	($depth, $cur) = (0, '');
	for my $c (split //, $inner . ',') {
		if ($c eq ',' && $depth == 0) { push @params, $cur; $cur = ''; next; }
		$depth++ if $c eq '(';
		$depth-- if $c eq ')';
		$cur .= $c;
	}
	my @names;
	for my $p (@params) {
		if ($p =~ /\(\s*\*\s*(\w+)\s*\)/) { push @names, $1; }
		elsif ($p =~ /(\w+)\s*(?:\[[^\]]*\])?\s*$/) { push @names, $1; }
		else { push @names, ''; }
	}
	return [$name, \@names];
}

# Named constants of a file: static const char NAME[] = "..." "...";
# #define NAME "..."; and arrays static const char *const NAME[] = { "...",
# ... } (comments are already blank, so only literals and commas remain).
my $LIT = qr/"(?:\\.|[^"\\\n])*"/;
my %const_str;	# "file\0name"
my %const_arr;
sub find_constants {
	my ($rel, $t) = @_;
	while ($t =~ /\bstatic\s+const\s+char\s+(\w+)\s*\[\s*\]\s*=\s*(?:$LIT\s*)+;/g) {
		$const_str{"$rel\0$1"} = 1;
	}
	while ($t =~ /^\s*#\s*define\s+(\w+)\s+(?:$LIT\s*)+$/mg) {
		$const_str{"$rel\0$1"} = 1;
	}
	while ($t =~ /\bstatic\s+const\s+char\s*\*\s*const\s+(\w+)\s*\[\s*\w*\s*\]\s*=\s*\{\s*(?:(?:$LIT\s*)+,?\s*)*\}\s*;/g) {
		$const_arr{"$rel\0$1"} = 1;
	}
}
sub constant_sql {
	my ($rel, $arg) = @_;
	return 1 if $arg =~ /^(\w+)$/ && $const_str{"$rel\0$1"};
	return 1 if $arg =~ /^(\w+)\s*\[[^\[\]]*\]$/ && $const_arr{"$rel\0$1"};
	return 0;
}

# Function definitions at file level: [start, end, name, [params]].
sub functions {
	my $t = shift;
	my @f;
	my ($depth, $head_start, $start) = (0, 0, 0);
	my $n = length $t;
	for (my $i = 0; $i < $n; $i++) {
		my $c = substr($t, $i, 1);
		if ($c eq '"' || $c eq "'") {
			my $rest = substr($t, $i, 4096);
			$i += length($1) - 1 if $rest =~ /^("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/s;
			next;
		}
		if ($c eq '{') {
			if ($depth == 0) {
				my $head = substr($t, $head_start, $i - $head_start);
				$start = $i;
				my $h = header($head);
				push @f, [$i, undef, $h->[0], $h->[1]] if $h;
			}
			$depth++;
		} elsif ($c eq '}') {
			$depth--;
			if ($depth == 0) {
				$f[-1][1] = $i if @f && $f[-1][0] == $start && !defined $f[-1][1];
				$head_start = $i + 1;
			}
		} elsif ($c eq ';' && $depth == 0) {
			$head_start = $i + 1;
		} elsif ($c eq '#' && $depth == 0) {
			# A preprocessor line is not part of the next header.
			my $e = index($t, "\n", $i);
			$e = $n if $e < 0;
			$i = $e;
			$head_start = $e + 1;
		}
	}
	return grep { defined $_->[1] } @f;
}

sub enclosing {
	my ($funcs, $pos) = @_;
	for my $f (@$funcs) {
		return $f if $pos > $f->[0] && $pos < $f->[1];
	}
	return undef;
}

# Read every file once.
my %text;
my %funcs;
for my $file (@ARGV) {
	open my $fh, '<', $file or die "$file: $!\n";
	local $/;
	my $t = <$fh>;
	close $fh;
	my $rel = $file;
	$rel =~ s{^\Q$root\E/+}{};
	$text{$rel} = strip_comments($t);
	$funcs{$rel} = [functions($text{$rel})];
	find_constants($rel, $text{$rel});
}

# Calls of name in a file: (pos of name, end, args, enclosing function).
sub calls {
	my ($rel, $name) = @_;
	my $t = $text{$rel};
	my @c;
	while ($t =~ /(?<![\w.>])\Q$name\E\s*\(/g) {
		my $at = $-[0];
		my $paren = $+[0] - 1;
		my $f = enclosing($funcs{$rel}, $at);
		next unless $f;	# a declaration or the definition itself
		my ($end, $args) = call_args($t, $paren);
		push @c, [$at, $end, $args, $f];
		pos($t) = $paren + 1;
	}
	return @c;
}

# 1. SQL in formats and concatenation.
for my $rel (sort keys %text) {
	my $t = $text{$rel};
	for my $name (@printf_like) {
		for my $c (calls($rel, $name)) {
			for my $lit (map { literals($_) } @{$c->[2]}) {
				if (is_sql($lit)) {
					problem($rel, line_at($t, $c->[0]), "$name() formats SQL (\"$lit\"); prepare a constant statement and bind the values");
					last;
				}
			}
		}
	}
	for my $name (@strcat_like) {
		for my $c (calls($rel, $name)) {
			for my $lit (map { literals($_) } @{$c->[2]}) {
				if (is_sql($lit)) {
					problem($rel, line_at($t, $c->[0]), "$name() assembles SQL (\"$lit\"); prepare a constant statement and bind the values");
					last;
				}
			}
		}
	}
	while ($t =~ /"((?:\\.|[^"\\\n])*)"/g) {
		my ($lit, $at) = ($1, $-[0]);
		if (is_sql($lit) && $lit =~ $CONV) {
			problem($rel, line_at($t, $at), "SQL with a printf conversion (\"$lit\"); bind the value with ?N instead");
		}
	}
}

# 2. sqlite3_exec, libpq's PQexec, PQexecParams and PQsendQuery, and their wrappers.
my %exec = (sqlite3_exec => 1, PQexec => 1, PQexecParams => 1, PQsendQuery => 1);	# callee -> index of the SQL argument
my %wrapper_of;			# "file\0callee\0pos" -> 1: forwarding calls
for (my $changed = 1; $changed;) {
	$changed = 0;
	for my $rel (sort keys %text) {
		for my $name (sort keys %exec) {
			for my $c (calls($rel, $name)) {
				my $arg = norm($c->[2][$exec{$name}] // '');
				my $f = $c->[3];
				my @params = @{$f->[3]};
				for my $k (0 .. $#params) {
					next unless $params[$k] ne '' && $arg eq $params[$k];
					$wrapper_of{"$rel\0$name\0$c->[0]"} = 1;
					if (!exists $exec{$f->[2]}) {
						$exec{$f->[2]} = $k;
						$changed = 1;
					}
				}
			}
		}
	}
}
for my $rel (sort keys %text) {
	my $t = $text{$rel};
	for my $name (sort keys %exec) {
		for my $c (calls($rel, $name)) {
			next if $wrapper_of{"$rel\0$name\0$c->[0]"};
			my $arg = norm($c->[2][$exec{$name}] // '');
			next if only_literals($arg) || constant_sql($rel, $arg);
			my $key = "$rel\0$name\0$arg";
			if ($allow{$key}) {
				$allow{$key}[1]++;
				next;
			}
			problem($rel, line_at($t, $c->[0]), "$name() runs SQL that is not a constant string: $arg; use a literal, or prepare and bind (or add '$rel: $name($arg) -- why' to the allow-list)");
		}
	}
}
for my $key (sort { $allow{$a}[2] <=> $allow{$b}[2] } keys %allow) {
	next if $allow{$key}[1];
	my ($rel, $name, $arg) = split /\0/, $key;
	problem($allow_file, $allow{$key}[2], "allow-list entry matches nothing: $rel: $name($arg); remove it");
}

sub by_place {
	my ($fa, $la) = $a =~ /^(.*?):(\d+):/;
	my ($fb, $lb) = $b =~ /^(.*?):(\d+):/;
	return $fa cmp $fb || $la <=> $lb;
}
print "$_\n" for sort by_place @problems;
exit(@problems ? 1 : 0);
