/*
 * pow_solve.c — solves a proof-of-work challenge of the public feedback
 * form for the tests: prints the least counter such that
 * SHA-256("NONCE:COUNTER") starts with BITS zero bits.
 *   pow_solve NONCE BITS [wrong]
 * With "wrong", prints the least counter that does NOT solve it.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int solves(const char *nonce, unsigned long long counter, int bits)
{
	char text[512];
	unsigned char d[crypto_hash_sha256_BYTES];
	int n = snprintf(text, sizeof text, "%s:%llu", nonce, counter);
	crypto_hash_sha256(d, (const unsigned char *)text, (unsigned long long)n);
	for (int i = 0; i < bits; i++)
		if (d[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3 || strlen(argv[1]) > 400 || sodium_init() < 0)
		return 2;
	int bits = atoi(argv[2]), want = argc < 4;
	for (unsigned long long c = 0;; c++)
		if (solves(argv[1], c, bits) == want) {
			printf("%llu\n", c);
			return 0;
		}
}
