package io.khabar.ingest;

import io.khabar.model.RawArticle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test listener: keeps articles and "location:reason" lines, and the messages. */
final class CollectingListener implements SourceListener {

    final List<RawArticle> articles = Collections.synchronizedList(new ArrayList<>());
    final List<String> rejections = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onArticle(RawArticle article) {
        articles.add(article);
    }

    @Override
    public void onRejected(String location, String reason, String message, byte[] content) {
        rejections.add(location + ":" + reason);
        messages.add(message);
    }
}
