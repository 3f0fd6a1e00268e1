package org.jesdb.store.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jesdb.store.InvalidInputException;

/**
 * The {@code next} of a list page that ended on an entry its caller may not see. A page filtered
 * by the access rules may stop after looking at many hidden entries, and must go on from the last
 * one; a plain cursor would name it (a stream, a snapshot's source and version). So that position
 * travels encrypted and authenticated (AES-GCM) under a key derived from the store's token key,
 * which every member holds: any member takes it, and nobody can read or forge it. It starts with
 * {@code $}, which no stream name and no plain cursor does.
 */
public final class SealedCursors {
    private static final String MARK = "$";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] PURPOSE = "jesdb list cursor v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedCursors() {
    }

    public static boolean isSealed(String cursor) {
        return cursor.startsWith(MARK);
    }

    public static String seal(byte[] tokenKey, byte[] position) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, tokenKey, iv).doFinal(position);
            return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The position a sealed cursor holds; anything this store did not seal is refused as {@code field}. */
    public static byte[] open(byte[] tokenKey, String cursor, String field) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor.substring(MARK.length()));
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("too short");
            }
            return cipher(Cipher.DECRYPT_MODE, tokenKey, Arrays.copyOf(bytes, IV_BYTES))
                    .doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidInputException(field, "must be the next of a page this store gave");
        }
    }

    private static Cipher cipher(int mode, byte[] tokenKey, byte[] iv) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
        SecretKeySpec key = new SecretKeySpec(Arrays.copyOf(mac.doFinal(PURPOSE), 16), "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
