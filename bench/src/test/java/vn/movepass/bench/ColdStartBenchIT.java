package vn.movepass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.TemplateModel;

/**
 * Runs the cold-start bench once over every function zip (they exist after {@code mvn package}) and prints its
 * table: each function answers its success event from its own zip in a fresh JVM (a success: 2xx with what the bench
 * expects, an SQS batch with no failure), and the bare JVM replays the same SDK calls. No timing is asserted.
 */
class ColdStartBenchIT {
    @Test
    void everyFunctionZipAnswersInAFreshJvm() throws Exception {
        var root = ColdStartBench.projectRoot();
        TemplateModel model = SamTemplate.load(root.resolve("template.yaml"));
        boolean built = model.functions().stream().allMatch(f -> Files.isRegularFile(root.resolve(f.codeUri())));
        Assumptions.assumeTrue(built, "function zips not built (mvn package builds them): bench skipped");

        List<ColdStartBench.Result> results = ColdStartBench.measure(root, 1, System.out);

        assertEquals(model.functions().size(), results.size(), "a figure for every function of the template");
        for (ColdStartBench.Result r : results) {
            assertTrue(r.zipBytes() > 0, r.function());
            assertTrue(r.success(), r.function() + " answered " + r.answer() + " to " + r.route());
        }
    }
}
