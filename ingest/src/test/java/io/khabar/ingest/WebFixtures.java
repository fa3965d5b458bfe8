package io.khabar.ingest;

/** Feeds and pages served by the tests' local web server. */
final class WebFixtures {

    private WebFixtures() {}

    /** An Urdu RSS 2.0 feed: full content, a description only, and two items without text (pages to fetch). */
    static String urduRss(String base) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel>
                  <title>خبریں</title>
                  <link>%1$s/</link>
                  <language>ur</language>
                  <item>
                    <title>کراچی میں بارش</title>
                    <link>%1$s/news/1</link>
                    <guid isPermaLink="false">khabar-1</guid>
                    <dc:creator>نامہ نگار</dc:creator>
                    <category>موسم</category>
                    <pubDate>Tue, 21 Sep 2021 10:00:00 GMT</pubDate>
                    <description>مختصر خلاصہ</description>
                    <content:encoded><![CDATA[<p>شہر میں تیز بارش ہوئی۔</p><p>سڑکیں زیر آب آ گئیں۔</p>]]></content:encoded>
                  </item>
                  <item>
                    <title>لاہور میں جلسہ</title>
                    <link>%1$s/news/2</link>
                    <pubDate>Tue, 21 Sep 2021 11:00:00 GMT</pubDate>
                    <description>&lt;p&gt;مینار پاکستان پر جلسہ ہوا۔&lt;/p&gt;</description>
                  </item>
                  <item>
                    <title>اسلام آباد کی خبر</title>
                    <link>%1$s/news/3</link>
                  </item>
                  <item>
                    <title>نجی خبر</title>
                    <link>%1$s/private/4</link>
                  </item>
                </channel>
                </rss>
                """.formatted(base);
    }

    /** An article page with og:/article: tags, navigation noise and a canonical URL. */
    static String urduPage(String base) {
        return """
                <!DOCTYPE html>
                <html lang="ur"><head><meta charset="utf-8">
                <title>اسلام آباد کی خبر | خبریں</title>
                <meta property="og:title" content="اسلام آباد میں اجلاس">
                <meta property="og:description" content="اجلاس کا خلاصہ">
                <meta property="article:published_time" content="2021-09-21T12:00:00+05:00">
                <meta property="article:section" content="پاکستان">
                <link rel="canonical" href="%1$s/news/3">
                </head><body>
                <nav><p>صفحہ اول</p><p>کھیل</p></nav>
                <article><h1>اسلام آباد میں اجلاس</h1>
                <p>وفاقی کابینہ کا اجلاس ہوا۔</p>
                <p>اجلاس میں اہم فیصلے کیے گئے۔</p>
                <aside><p>مزید پڑھیں</p></aside>
                </article>
                <footer><p>جملہ حقوق محفوظ ہیں</p></footer>
                </body></html>
                """.formatted(base);
    }

    /** An Atom feed with a relative link. */
    static String urduAtom() {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ur">
                  <title>اٹم خبریں</title>
                  <id>urn:khabar:atom</id>
                  <updated>2021-09-21T10:00:00Z</updated>
                  <entry>
                    <title>پشاور میں زلزلہ</title>
                    <link href="/atom/1"/>
                    <id>urn:khabar:atom:1</id>
                    <author><name>ادارہ</name></author>
                    <updated>2021-09-21T09:30:00Z</updated>
                    <published>2021-09-21T09:00:00Z</published>
                    <content type="html">&lt;p&gt;زلزلے کے جھٹکے محسوس کیے گئے۔&lt;/p&gt;</content>
                  </entry>
                </feed>
                """;
    }

    static final String ROBOTS = """
            User-agent: *
            Disallow: /private/
            """;
}
