package dev.polygate.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 certificates with BouncyCastle on top of the JDK's own JCA providers,
 * so no BouncyCastle provider is ever registered globally.
 */
final class CertificateSigner {

    /** Tolerates clocks of peers that run somewhat behind the machine issuing the certificate. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateSigner() {}

    static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships SunEC with P-256; failing here means a broken JDK.
            throw new IllegalStateException("EC P-256 key generation is unavailable", e);
        }
    }

    /** A self-signed CA that may sign end-entity certificates only (path length 0). */
    static X509Certificate selfSignedCa(KeyPair keyPair, String commonName, Instant notAfter) {
        X500Name name = commonName(commonName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                notBefore(), Date.from(notAfter), name, keyPair.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            return sign(builder, keyPair.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot build the CA certificate", e);
        }
    }

    /**
     * An end-entity certificate for {@code subjectKey}, signed by the CA. The validity is capped at
     * the CA's own expiry, beyond which the chain would not validate anyway.
     */
    static X509Certificate issue(X509Certificate caCertificate, PrivateKey caKey,
            PublicKey subjectKey, String commonName, List<GeneralName> subjectAltNames,
            KeyPurposeId purpose, Instant notAfter) {
        // Copy the CA's subject bytes verbatim: chain building matches issuer names exactly.
        X500Name issuer =
                X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        Date end = Date.from(notAfter);
        if (end.after(caCertificate.getNotAfter())) {
            end = caCertificate.getNotAfter();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                notBefore(), end, commonName(commonName), subjectKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            authorityKeyIdentifier(caCertificate, extensions));
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
            return sign(builder, caKey);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + commonName, e);
        }
    }

    /**
     * Whether the private key belongs to the public key, checked by signing a random challenge:
     * this works for every key type without reaching into algorithm-specific parameters.
     */
    static boolean keysMatch(PrivateKey privateKey, PublicKey publicKey) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm(privateKey));
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(privateKey));
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The signature algorithm for a CA key; EC is what this package creates, RSA is tolerated. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException(
                    "Unsupported CA key algorithm " + key.getAlgorithm() + "; use EC or RSA");
        };
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key)));
    }

    /**
     * Refers to the CA key by the CA's own SKI when it has one, since a CA loaded from disk may
     * have computed its identifier differently than we would.
     */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate ca,
            JcaX509ExtensionUtils extensions) throws IOException {
        byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        SubjectKeyIdentifier keyId = extension == null
                ? extensions.createSubjectKeyIdentifier(ca.getPublicKey())
                : SubjectKeyIdentifier.getInstance(
                        JcaX509ExtensionUtils.parseExtensionValue(extension));
        return new AuthorityKeyIdentifier(keyId.getKeyIdentifier());
    }

    private static X500Name commonName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(BACKDATE));
    }

    /** 128 random bits: unpredictable serials, and positive and non-zero as RFC 5280 requires. */
    private static BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
