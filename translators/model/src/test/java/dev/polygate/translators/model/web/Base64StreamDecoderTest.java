package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Base64StreamDecoderTest {

    private static byte[] decode(String text, int... cuts) {
        Base64StreamDecoder decoder = new Base64StreamDecoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int from = 0;
        int[] ends = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = bytes.length;
        for (int end : ends) {
            ByteBuf decoded = decoder.decode(ByteBufAllocator.DEFAULT.buffer().writeBytes(bytes, from, end - from));
            out.writeBytes(ByteBufUtil.getBytes(decoded));
            decoded.release();
            from = end;
        }
        assertThat(decoder.hasPartialGroup()).as("partial group").isFalse();
        return out.toByteArray();
    }

    private static byte[] sample(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        return data;
    }

    @Test
    void decodesWhateverTheSplit() {
        for (int length = 0; length <= 10; length++) {
            byte[] data = sample(length);
            String text = Base64.getEncoder().encodeToString(data);
            for (int cut = 0; cut <= text.length(); cut++) {
                assertThat(decode(text, cut)).as("length %d cut at %d", length, cut).isEqualTo(data);
            }
        }
    }

    @Test
    void decodesOneCharacterAtATime() {
        byte[] data = sample(200);
        String text = Base64.getEncoder().encodeToString(data);
        int[] cuts = new int[text.length() - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(decode(text, cuts)).isEqualTo(data);
    }

    @Test
    void acceptsPaddingInTheMiddleOfTheStream() {
        // Clients that encode each message separately concatenate padded pieces.
        byte[] a = sample(5);
        byte[] b = sample(7);
        byte[] c = sample(3);
        String text = Base64.getEncoder().encodeToString(a) + Base64.getEncoder().encodeToString(b)
                + Base64.getEncoder().encodeToString(c);
        assertThat(text.substring(0, text.length() - 1)).contains("=");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(a);
        expected.writeBytes(b);
        expected.writeBytes(c);
        for (int cut = 0; cut <= text.length(); cut++) {
            assertThat(decode(text, cut)).as("cut at %d", cut).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void skipsWhitespace() {
        byte[] data = sample(40);
        String wrapped = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(data) + "\n";
        assertThat(decode(" " + wrapped.replace("A", "A\t"))).isEqualTo(data);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String invalid : new String[] {"AA-A", "AA_A", "AAA!", "AAAA\u00e9AAA", "AAAA\u0000"}) {
            assertThatThrownBy(() -> decode(invalid))
                    .as(invalid)
                    .isInstanceOfSatisfying(GrpcException.class,
                            e -> assertThat(e.code()).isEqualTo(GrpcStatusCode.INVALID_ARGUMENT))
                    .hasMessageContaining("is not a base64 character");
        }
        assertThatThrownBy(() -> decode("AAAAAAA*")).hasMessageContaining("'*' at offset 7");
    }

    @Test
    void rejectsPaddingInTheWrongPlace() {
        assertThatThrownBy(() -> decode("A===")).hasMessageContaining("fewer than two");
        assertThatThrownBy(() -> decode("====")).hasMessageContaining("fewer than two");
        assertThatThrownBy(() -> decode("AA=A")).hasMessageContaining("follows padding");
        assertThat(decode("AA==AAAA", 3)).hasSize(4);
    }

    @Test
    void reportsAnUnfinishedGroup() {
        Base64StreamDecoder decoder = new Base64StreamDecoder();
        ByteBuf out = decoder.decode(ByteBufAllocator.DEFAULT.buffer().writeBytes("QUJDRA".getBytes()));
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("ABC");
        out.release();
        assertThat(decoder.hasPartialGroup()).isTrue();
    }

    @Test
    void releasesTheChunkWhenItFails() {
        ByteBuf chunk = ByteBufAllocator.DEFAULT.buffer().writeBytes("AB!D".getBytes());
        assertThatThrownBy(() -> new Base64StreamDecoder().decode(chunk)).isInstanceOf(GrpcException.class);
        assertThat(chunk.refCnt()).isZero();
    }
}
