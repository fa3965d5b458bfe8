package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class WaitingArticlesTest {

    private static final StoryArticle ARTICLE = new StoryArticle("v1", 0L, Map.of(), null);

    @Test
    void shouldShareOneMapPerTaskAndKeepAtMostTheCapEldestFirst() {
        WaitingArticles waiting = new WaitingArticles();
        Map<WaitingArticles.Slot, StoryArticle> sign = waiting.of(new TaskId(2, 0));
        Map<WaitingArticles.Slot, StoryArticle> resolve = waiting.of(new TaskId(2, 0));
        assertThat(resolve).isSameAs(sign);
        assertThat(waiting.of(new TaskId(2, 1))).isNotSameAs(sign);

        for (int i = 0; i <= WaitingArticles.MAX_PER_TASK; i++) {
            sign.put(new WaitingArticles.Slot("id-" + i, 1000L), ARTICLE);
        }
        assertThat(sign).hasSize(WaitingArticles.MAX_PER_TASK);
        assertThat(sign).doesNotContainKey(new WaitingArticles.Slot("id-0", 1000L));
        assertThat(sign).containsKey(new WaitingArticles.Slot("id-" + WaitingArticles.MAX_PER_TASK, 1000L));
    }

    @Test
    void shouldDropATasksMapWhenItsProcessorClosesButNotAMapThatReplacedIt() {
        WaitingArticles waiting = new WaitingArticles();
        TaskId task = new TaskId(2, 0);
        Map<WaitingArticles.Slot, StoryArticle> old = waiting.of(task);
        waiting.close(task, old);
        assertThat(waiting.tasks()).isZero();

        Map<WaitingArticles.Slot, StoryArticle> revived = waiting.of(task);
        assertThat(revived).isNotSameAs(old);
        waiting.close(task, old); // the other processor of the old task closing late
        assertThat(waiting.of(task)).isSameAs(revived);
    }
}
