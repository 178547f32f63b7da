#!/usr/bin/perl
# bench/public_form.pl — posts form submissions to the public form, each from
# its own loopback address (127.0.x.y), so the server sees that many
# different senders.  Perl from Debian's essential perl-base: no new package.
#
#   perl bench/public_form.pl PORT N PARALLEL
#
# Prints one line: the count of answers by status and the wall time.
use strict;
use warnings;
use IO::Socket::INET;
use Time::HiRes qw(time);

my ($port, $n, $par) = @ARGV;
die "usage: public_form.pl PORT N PARALLEL\n" unless $port && $n && $par;
my $start = time;
my @kids;
for my $w (0 .. $par - 1) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		my %codes;
		for (my $k = $w; $k < $n; $k += $par) {
			my $addr = sprintf "127.0.%d.%d", int($k / 250) + 10, $k % 250 + 2;
			my $body = "content=Ph%E1%BA%A3n+%C3%A1nh+s%E1%BB%91+$k&name=Ng%C6%B0%E1%BB%9Di+g%E1%BB%ADi+$k"
				. "&phone=0912" . sprintf("%06d", $k);
			my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port, LocalAddr => $addr,
				Proto => "tcp") or do { $codes{"connect"}++; next };
			print $s "POST /public/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
				. "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " . length($body)
				. "\r\nConnection: close\r\n\r\n$body";
			my $line = <$s> // "";
			my ($code) = $line =~ m{^HTTP/1\.\d (\d+)};
			$codes{$code // "none"}++;
			close $s;
		}
		print join(" ", map { "$_:$codes{$_}" } sort keys %codes), "\n";
		exit 0;
	}
	push @kids, $pid;
}
waitpid($_, 0) for @kids;
printf "wall %.2f s\n", time - $start;
