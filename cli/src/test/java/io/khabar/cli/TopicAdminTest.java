package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.cli.TopicAdmin.Layout;
import io.khabar.cli.TopicAdmin.TopicState;
import io.khabar.model.Topics;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

    @Test
    void shouldReplicateThreeTimesWithTwoInSyncOnAClusterOfThreeOrMore() {
        assertThat(Layout.forCluster(3, 3, null, null)).isEqualTo(new Layout(3, (short) 3, 2));
        assertThat(Layout.forCluster(5, 6, null, null)).isEqualTo(new Layout(6, (short) 3, 2));
    }

    @Test
    void shouldUseEveryBrokerAndTheBrokersMinInsyncOnSmallerClusters() {
        assertThat(Layout.forCluster(1, 3, null, null)).isEqualTo(new Layout(3, (short) 1, 0));
        assertThat(Layout.forCluster(2, 3, null, null)).isEqualTo(new Layout(3, (short) 2, 0));
    }

    @Test
    void shouldTakeTheUsersSettingsAndRefuseImpossibleOnes() {
        assertThat(Layout.forCluster(5, 3, 5, 3)).isEqualTo(new Layout(3, (short) 5, 3));
        assertThat(Layout.forCluster(5, 3, 4, null)).isEqualTo(new Layout(3, (short) 4, 2));
        assertThatThrownBy(() -> Layout.forCluster(1, 3, 3, null)).hasMessageContaining("needs at least 3 brokers");
        assertThatThrownBy(() -> Layout.forCluster(3, 3, 3, 4)).hasMessageContaining("--min-insync-replicas");
    }

    @Test
    void shouldSetStreamsInternalTopicsLikeKhabarsOwn() {
        assertThat(new Layout(3, (short) 3, 2).streamsSettings())
                .containsEntry("replication.factor", "3")
                .containsEntry("topic.min.insync.replicas", "2");
        assertThat(new Layout(3, (short) 1, 0).streamsSettings()).containsOnlyKeys("replication.factor");
    }

    @Test
    void shouldPutMinInsyncReplicasOnEveryTopicDefinitionWhenAsked() {
        assertThat(Topics.definitions(3, (short) 3, 2))
                .allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "2"));
        assertThat(Topics.definitions(3, (short) 1, 0))
                .allSatisfy(t -> assertThat(t.configs()).doesNotContainKey("min.insync.replicas"));
    }

    @Test
    void shouldFindNothingWrongWithOneReplicaOnOneBrokerOrThreeWithTwoInSync() {
        assertThat(TopicAdmin.problems(state(Topics.RAW, 1, 1, false), 1)).isEmpty();
        assertThat(TopicAdmin.problems(state(Topics.RAW, 3, 2, false), 3)).isEmpty();
    }

    @Test
    void shouldWarnWithTheFixWhenTopicsCannotGiveExactlyOnceWithoutLoss() {
        assertThat(TopicAdmin.problems(state(Topics.RAW, 1, 1, false), 3))
                .singleElement()
                .asString()
                .contains("replication factor 1 on a cluster of 3 brokers")
                .contains("kafka-reassign-partitions");
        assertThat(TopicAdmin.problems(state(Topics.ENRICHED, 3, 1, false), 3))
                .singleElement()
                .asString()
                .contains("min.insync.replicas=1")
                .contains("--add-config min.insync.replicas=2");
        assertThat(TopicAdmin.problems(state(Topics.ENRICHED, 3, 2, true), 3))
                .singleElement()
                .asString()
                .contains("unclean.leader.election.enable=false");
        assertThat(TopicAdmin.problems(state(Topics.RAW, 2, 3, false), 2))
                .singleElement()
                .asString()
                .contains("every write fails");
        assertThat(TopicAdmin.problems(state("__transaction_state", 1, 1, false), 3))
                .first()
                .asString()
                .contains("transaction.state.log.replication.factor=3");
    }

    private static TopicState state(String name, int rf, int minIsr, boolean unclean) {
        return new TopicState(name, 3, rf, minIsr, unclean, 0, 0, "delete");
    }
}
