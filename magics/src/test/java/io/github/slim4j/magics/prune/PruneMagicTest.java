package io.github.slim4j.magics.prune;

import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.InterruptingIterator;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(31);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net)
            .with("train", TestModels.data(200, 20, 5)).with("val", TestModels.data(100, 50, 6));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Table prune(String line) {
        return catalog.run("prune", List.of(line.split(" ")), notebook);
    }

    private String error(String line) {
        return assertThrows(MagicException.class, () -> prune(line)).getMessage();
    }

    private static double sparsity(INDArray values) {
        return TensorStats.of(values).sparsity();
    }

    @Test
    void removingChannelsOfANetworkMakesANarrowerOneThatTrainsAndLeavesTheOriginalAlone() {
        INDArray before = net.params().dup();
        Table groups = prune("net --method l1-structured --sparsity 0.5 --remove --round-to 1 --as narrow --chart none");

        // 12·16 + 16·8 = 320 MACs before; 12·8 + 8·8 = 160 after.
        assertEquals("narrow: channels removed, 320 → 160 MACs per example (0.50×), 344 → 176 parameters (0.51×)", groups.name());
        assertEquals(List.of(8, 8), groups.intColumn("channels kept").asList());
        assertEquals(List.of("", "the model's output"), groups.stringColumn("kept because").asList());
        MultiLayerNetwork narrow = (MultiLayerNetwork) notebook.variable("narrow");
        assertEquals(8, narrow.getLayer(0).getParam("W").size(1));
        RawBits.assertIdentical(before, net.params(), "the original is unchanged");
        catalog.run("train", List.of("narrow", "--data", "train", "--epochs", "1"), notebook);
        assertTrue(Double.isFinite(narrow.score()));
    }

    /**
     * AGP to half of the 16 hidden units in 3 steps: targets 35.2 %, 48.1 % and 50 %. Step 1 removes
     * round(0.352 × 16) = 6 units (37.5 %); step 2 removes round((1 − 0.519 / 0.625) × 10) = 2 more
     * (50 %); step 3 has nothing left to remove and only fine-tunes.
     */
    @Test
    void gradualRemovalFollowsTheAgpCurveAndFineTunesAfterEachStep() {
        INDArray before = net.params().dup();
        prune("net --method l1-structured --schedule agp --final 0.5 --steps 3 --train train --epochs 1 --remove --round-to 1 --as narrow --chart none");
        String steps = notebook.displays().stream().map(MimeBundle::plain).filter(text -> text.contains("AGP channel removal steps of narrow"))
                .findFirst().orElseThrow();
        // Per step: channels removed and MACs, 12·10 + 10·8 after step 1 and 12·8 + 8·8 after.
        List<String> rows = steps.lines().filter(line -> line.matches("\\s*\\d\\s*\\|.*")).map(line -> line.replaceAll("\\s+", "")).toList();
        assertEquals(3, rows.size(), steps);
        assertTrue(rows.get(0).startsWith("1|35.2%|37.5%|200|"), rows.get(0));
        assertTrue(rows.get(1).startsWith("2|48.1%|50.0%|160|"), rows.get(1));
        assertTrue(rows.get(2).startsWith("3|50.0%|50.0%|160|"), rows.get(2));
        MultiLayerNetwork narrow = (MultiLayerNetwork) notebook.variable("narrow");
        assertEquals(8, narrow.getLayer(0).getParam("W").size(1));
        RawBits.assertIdentical(before, net.params(), "the original is unchanged");
    }

    @Test
    void removalNeedsAnAmountOrASchedule() {
        assertEquals("%prune: --remove needs one of --sparsity, --schedule (see %help prune)", error("net --method l1-structured --remove"));
    }

    @Test
    void anInterruptedGradualRemovalKeepsTheModelOfTheLastCompletedStep() {
        notebook.with("slow", new InterruptingIterator(TestModels.data(200, 20, 5), 15));
        String message = error("net --method l1-structured --schedule agp --final 0.5 --steps 3 --train slow --remove --round-to 1 --chart none");
        assertEquals("%prune: interrupted; net keeps the model of step 1 of 3", message);
        assertEquals(10, ((MultiLayerNetwork) notebook.variable("net")).getLayer(0).getParam("W").size(1));
    }

    @Test
    void oneShotPrunesEveryWeightTensorToTheSparsityAndReportsIt() {
        Table table = prune("net --sparsity 0.5");
        assertEquals(0.5, sparsity(net.getParam("0_W")), 1e-9);
        assertEquals(0.5, sparsity(net.getParam("1_W")), 1e-9);
        assertEquals(List.of("0", "1", PruneTable.ALL_SELECTED), table.stringColumn("layer").asList());
        assertEquals(96L, table.longColumn("pruned").get(0));
        assertEquals(0.0, table.doubleColumn("sparsity before").get(0));
        assertEquals(0.5, table.doubleColumn("sparsity after").get(2), 1e-9);
        assertTrue(table.doubleColumn("threshold").get(0) > 0);
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG), "a bar chart of sparsity per tensor");
    }

    @Test
    void biasesStayUnlessAsked() {
        net.getParam("0_b").assign(1);
        prune("net --sparsity 0.5");
        assertEquals(0.0, sparsity(net.getParam("0_b")));
        prune("net --sparsity 0.5 --params all");
        assertEquals(0.5, sparsity(net.getParam("0_b")), 1e-9);
    }

    @Test
    void asKeepsTheOriginalAndDefinesACopyOfTheSameKind() {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("fc1.weight", Nd4j.linspace(1, 12, 12).reshape(3, 4));
        notebook.with("weights", weights);
        prune("weights --sparsity 0.25 --as sparse");
        assertEquals(0.0, sparsity(weights.get("fc1.weight")));
        @SuppressWarnings("unchecked")
        Map<String, INDArray> sparse = (Map<String, INDArray>) notebook.variable("sparse");
        assertNotSame(weights, sparse);
        assertEquals(3, (long) TensorStats.of(sparse.get("fc1.weight")).zeros());
        assertEquals(Optional.of("java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray>"), notebook.declaredType("sparse"));
    }

    @Test
    void globalScopeRanksAllTensorsTogether() {
        prune("net --sparsity 0.5 --scope global");
        long pruned = TensorStats.of(net.getParam("0_W")).zeros() + TensorStats.of(net.getParam("1_W")).zeros();
        assertEquals(Math.rint(0.5 * (12 * 16 + 16 * 8)), pruned);
    }

    @Test
    void twoOfFourNeedsNoSparsity() {
        Table table = prune("net --method nm");
        assertEquals(0.5, table.doubleColumn("sparsity after").get(2), 1e-9);
    }

    @Test
    void badAmountsAndPatternsAreOneClearLine() {
        assertEquals("%prune: --sparsity must be a fraction from 0 to 1 (0.9 or 90%) or a whole number of weights (1000), got '1.5'",
                error("net --sparsity 1.5"));
        assertEquals("%prune: amount 100000 is more than the 192 weights of 0_W", error("net --sparsity 100000"));
        assertTrue(error("net --method nm --nm 4:4").startsWith("%prune: --nm must be two whole numbers N:M"));
        assertTrue(error("net --method nm --nm 2:3").startsWith("%prune: "));
        assertEquals("%prune: --nm needs --method nm (see %help prune)", error("net --sparsity 0.5 --nm 2:4"));
        assertEquals("%prune: --sparsity does not go with --method nm, whose N:M pattern fixes the sparsity at 1 - N/M",
                error("net --method nm --sparsity 0.5"));
        assertEquals("%prune: say how much to prune with --sparsity S, or use --schedule agp or --search (see %help prune)", error("net"));
    }

    @Test
    void selectionsThatLeaveNothingAreNamed() {
        String noMatch = error("net --sparsity 0.5 --layers conv.*");
        assertTrue(noMatch.startsWith("%prune: ") && noMatch.contains("conv.*"), noMatch);
        notebook.with("biases", Map.of("fc.bias", Nd4j.ones(3)));
        String nothing = error("biases --sparsity 0.5");
        assertTrue(nothing.startsWith("%prune: ") && nothing.contains("no weights to work on"), nothing);
    }

    @Test
    void modesExcludeEachOtherAndNeedTheirOptions() {
        assertEquals("%prune: --sparsity and --search cannot go together; give one of --sparsity, --schedule, --search (see %help prune)",
                error("net --sparsity 0.5 --search --data val --target 0.5"));
        assertEquals("%prune: --search needs --data (see %help prune)", error("net --search --target 0.5"));
        assertEquals("%prune: --search needs one of --target, --max-drop (see %help prune)", error("net --search --data val"));
        assertEquals("%prune: --schedule needs --final (see %help prune)", error("net --schedule agp --steps 2 --train train"));
        assertEquals("%prune: --final needs --schedule (see %help prune)", error("net --sparsity 0.5 --final 0.9"));
    }

    @Test
    void aFailedPruneChangesNothing() {
        INDArray before = net.params().dup();
        error("net --method nm --nm 2:5");
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void agpReachesTheFinalSparsityWithFineTuning() {
        Table table = prune("net --schedule agp --final 0.8 --steps 3 --train train");
        assertEquals(0.8, sparsity(net.getParam("0_W")), 0.01);
        assertEquals(0.8, table.doubleColumn("sparsity after").get(2), 0.01);
        String steps = notebook.displays().stream().map(MimeBundle::plain).filter(plain -> plain.contains("AGP steps")).findFirst().orElseThrow();
        assertTrue(steps.contains("80.0%"), steps);
    }

    @Test
    void anInterruptedScheduleKeepsItsLastCompletedStepAndSaysSo() {
        notebook.with("slow", new InterruptingIterator(TestModels.data(200, 20, 5), 15));
        String message = error("net --schedule agp --final 0.8 --steps 3 --train slow");
        assertEquals("%prune: interrupted; net keeps the end of step 1 of 3", message);
    }

    @Test
    void searchWithinAnAccuracyBudget() {
        prune("net --train train --schedule agp --final 0.1 --steps 1");
        Table table = prune("net --search --data val --max-drop 0.05");
        assertFalse(table.isEmpty());
        assertTrue(notebook.displays().stream().anyMatch(bundle -> bundle.plain().contains("search path")));
    }
}
