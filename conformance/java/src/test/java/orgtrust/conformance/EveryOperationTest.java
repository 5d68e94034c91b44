package orgtrust.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after the other classes (junit-platform.properties): every operation of the reference
 * extract was called successfully, in a passing test, through this SDK. */
@Order(Integer.MAX_VALUE)
class EveryOperationTest {
    @Test
    void everyReferenceOperationWasCalledSuccessfully() {
        Set<String> missing = new TreeSet<>(Recording.REFERENCE.values());
        missing.removeAll(Recording.passedOperations());
        assertEquals(79, Recording.REFERENCE.size());
        assertEquals(List.of(), List.copyOf(missing));
    }
}
