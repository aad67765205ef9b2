package dev.polygate.policies.auth.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * bcrypt and Argon2id hashes as other implementations write them (the vectors below come from libxcrypt's bcrypt
 * and the Argon2 reference library), and the hashes {@code hash-password} prints.
 */
class PasswordHashTest {
    /** libxcrypt: crypt("abc", "$2b$06$If6bvum7DFjUnE9p2uDeDu"). */
    private static final String BCRYPT_ABC = "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    /** libxcrypt: crypt("s3cret-pass", "$2y$04$abcdefghijklmnopqrstuu"). */
    private static final String BCRYPT_2Y = "$2y$04$abcdefghijklmnopqrstuuaUNpTaGyHErb7YklXKRt/SEtSLxPST6";
    /** The Argon2 reference library: argon2id_hash_encoded(t=2, m=1024, p=1, "correct horse battery staple"). */
    private static final String ARGON2ID = "$argon2id$v=19$m=1024,t=2,p=1$cG9seWdhdGUtc2FsdC0xNg"
            + "$OAc44pGHGy+jlQ+WM15v7qF4m45rXJsYSMLLOwPLWCc";

    @Test
    void bcryptHashesOfOtherImplementationsAreChecked() {
        assertThat(PasswordHash.parse(BCRYPT_ABC).matches("abc")).isTrue();
        assertThat(PasswordHash.parse(BCRYPT_ABC).matches("abd")).isFalse();
        assertThat(PasswordHash.parse(BCRYPT_2Y).matches("s3cret-pass")).isTrue();
        assertThat(PasswordHash.parse(BCRYPT_ABC.replace("$2b$", "$2a$")).matches("abc")).isTrue();
    }

    @Test
    void argon2idHashesOfTheReferenceLibraryAreChecked() {
        PasswordHash hash = PasswordHash.parse(ARGON2ID);
        assertThat(hash.matches("correct horse battery staple")).isTrue();
        assertThat(hash.matches("correct horse battery stapler")).isFalse();
        assertThat(hash.matches("")).isFalse();
    }

    @Test
    void generatedHashesVerify() {
        String bcrypt = PasswordHashes.bcrypt("pässword", 4);
        assertThat(bcrypt).startsWith("$2b$04$");
        assertThat(PasswordHash.parse(bcrypt).matches("pässword")).isTrue();
        assertThat(PasswordHash.parse(bcrypt).matches("password")).isFalse();

        String argon2 = PasswordHashes.argon2id("pässword", 64, 1, 1);
        assertThat(argon2).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(PasswordHash.parse(argon2).matches("pässword")).isTrue();
        assertThat(PasswordHash.parse(argon2).matches("password")).isFalse();
        assertThat(PasswordHashes.argon2id("pässword", 64, 1, 1)).as("a new salt each time").isNotEqualTo(argon2);
    }

    @Test
    void malformedOrOutrageousHashesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PasswordHash.parse("secret")).hasMessageContaining("bcrypt hash ($2a$, $2b$, $2y$)");
        assertThatThrownBy(() -> PasswordHash.parse("$2x$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))
                .hasMessageContaining("not a bcrypt hash");
        assertThatThrownBy(() -> PasswordHash.parse(BCRYPT_ABC.replace("$06$", "$31$")))
                .hasMessageContaining("cost must be between 4 and 16");
        assertThatThrownBy(() -> PasswordHash.parse(ARGON2ID.replace("argon2id", "argon2i")))
                .hasMessageContaining("argon2i and argon2d are not accepted");
        assertThatThrownBy(() -> PasswordHash.parse(ARGON2ID.replace("m=1024", "m=4194304")))
                .hasMessageContaining("Argon2 m must be between");
        assertThatThrownBy(() -> PasswordHash.parse(ARGON2ID.replace("v=19", "v=20")))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> PasswordHashes.bcrypt("x".repeat(73), 4)).hasMessageContaining("72 bytes");
    }

    @Test
    void apiKeyDigestsAreSha256AndCompareByValue() {
        ApiKeyDigest digest = ApiKeyDigest.of("demo-key");
        // printf %s demo-key | sha256sum
        assertThat(digest.toString())
                .isEqualTo("sha256:c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c");
        assertThat(ApiKeyDigest.parse(digest.toString().toUpperCase().replace("SHA256:", "sha256:")))
                .isEqualTo(digest).hasSameHashCodeAs(digest);
        assertThat(ApiKeyDigest.of("demo-kex")).isNotEqualTo(digest);
        assertThatThrownBy(() -> ApiKeyDigest.parse("sha256:abc")).hasMessageContaining("64 hexadecimal digits");
        assertThatThrownBy(() -> ApiKeyDigest.parse("md5:" + "0".repeat(32))).hasMessageContaining("sha256:");
    }
}
