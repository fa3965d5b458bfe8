package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML as an attacker writes it, in feeds and in pages: external entities that read local files or fetch from the
 * network (XXE, SSRF through a DTD), entity expansion ("billion laughs"), and feeds in UTF-16. No entity is ever
 * resolved or expanded; a feed with a doctype is refused alone and the feeds after it are read.
 */
class HostileXmlTest {

    private static final String SECRET = "KHABAR_JDBC_PASSWORD=hunter2";

    @TempDir
    Path dir;

    private final CollectingListener listener = new CollectingListener();

    private static String item(String title) {
        return "<item><title>" + title + "</title><link>https://example.pk/" + Math.abs(title.hashCode())
                + "</link><description>&lt;p&gt;شہر میں تیز بارش ہوئی۔&lt;/p&gt;</description></item>";
    }

    private static String rss(String doctype, String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "\n<rss version=\"2.0\"><channel>"
                + "<title>خبریں</title><link>https://example.pk/</link><language>ur</language>" + item(title)
                + "</channel></rss>";
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private void read(Path... feeds) {
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO, 1 << 20);
        new FeedSource(
                        java.util.Arrays.stream(feeds).map(Path::toString).toList(),
                        http,
                        Duration.ZERO,
                        false,
                        16 << 20,
                        Clock.systemUTC())
                .readAll(listener);
    }

    @Test
    void shouldNeverResolveExternalEntitiesOrFetchADtd() throws Exception {
        Path secret = file("secret.env", SECRET.getBytes(StandardCharsets.UTF_8));
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket dtdServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!dtdServer.isClosed()) {
                    try {
                        Socket s = dtdServer.accept();
                        connections.incrementAndGet();
                        s.close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            String dtd = "http://127.0.0.1:" + dtdServer.getLocalPort() + "/evil.dtd";
            Path xxe = file(
                    "xxe.xml",
                    rss("<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>", "&x;")
                            .getBytes(StandardCharsets.UTF_8));
            Path parameter = file(
                    "parameter.xml",
                    rss("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + dtd + "\"> %p;]>", "پیرامیٹر")
                            .getBytes(StandardCharsets.UTF_8));
            Path external = file(
                    "external.xml",
                    rss("<!DOCTYPE rss SYSTEM \"" + dtd + "\">", "بیرونی").getBytes(StandardCharsets.UTF_8));
            Path good = file("good.xml", rss("", "اچھی خبر").getBytes(StandardCharsets.UTF_8));

            read(xxe, parameter, external, good);

            assertThat(listener.rejections)
                    .containsExactly(
                            xxe + ":" + DeadLetterReasons.UNPARSEABLE,
                            parameter + ":" + DeadLetterReasons.UNPARSEABLE,
                            external + ":" + DeadLetterReasons.UNPARSEABLE);
            assertThat(listener.messages).allSatisfy(m -> assertThat(m).containsIgnoringCase("doctype"));
            assertThat(listener.articles).extracting(RawArticle::title).containsExactly("اچھی خبر");
            assertThat(String.join("\n", listener.messages) + listener.articles).doesNotContain("hunter2");
            Thread.sleep(200);
            assertThat(connections.get()).as("no DTD fetched").isZero();
        }
    }

    @Test
    void shouldRefuseEntityExpansionAtOnce() throws IOException {
        StringBuilder lol = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"");
            lol.append(("&lol" + (i - 1) + ";").repeat(10));
            lol.append("\">");
        }
        lol.append("]>");
        Path laughs = file("laughs.xml", rss(lol.toString(), "&lol9;").getBytes(StandardCharsets.UTF_8));
        Path good = file("good.xml", rss("", "اچھی خبر").getBytes(StandardCharsets.UTF_8));

        read(laughs, good);

        assertThat(listener.rejections).containsExactly(laughs + ":" + DeadLetterReasons.UNPARSEABLE);
        assertThat(listener.articles).extracting(RawArticle::title).containsExactly("اچھی خبر");
    }

    @Test
    void shouldReadAFeedInUtf16WithItsByteOrderMark() throws IOException {
        String le16 = rss("", "چھوٹا سرا").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        String be16 = rss("", "بڑا سرا").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        Path le =
                file("le.xml", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, le16.getBytes(StandardCharsets.UTF_16LE)));
        Path be = file("be.xml", be16.getBytes(StandardCharsets.UTF_16)); // Java writes a BOM, big-endian
        Path bom8 = file(
                "bom8.xml",
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        rss("", "بوم").getBytes(StandardCharsets.UTF_8)));

        read(le, be, bom8);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles).extracting(RawArticle::title).containsExactly("چھوٹا سرا", "بڑا سرا", "بوم");
    }

    @Test
    void shouldNotExpandEntitiesDeclaredInAPage() throws Exception {
        Path secret = file("secret.env", SECRET.getBytes(StandardCharsets.UTF_8));
        String html = "<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">"
                + "<!ENTITY lol \"lollollollollollollollollollol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ur\"><head><title>صفحہ &x;</title></head><body>"
                + "<article><p>شہر میں تیز بارش ہوئی اور سڑکیں زیر آب آ گئیں۔ &lol2; &x;</p>"
                + "<p>شہریوں کو مشکلات کا سامنا کرنا پڑا۔</p></article></body></html>";
        PageExtractor.Page page = PageExtractor.extract(
                html.getBytes(StandardCharsets.UTF_8), "UTF-8", URI.create("https://example.pk/page"));
        assertThat(page.title() + page.body()).doesNotContain("hunter2").doesNotContain("lollol");
        assertThat(page.body()).contains("شہر میں تیز بارش");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
