package dev.polygate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigProblemsTest {
    @Test
    void everyStepIsRunAndEveryProblemThrownAtOnce() {
        ConfigProblems problems = new ConfigProblems();
        problems.add("timeout", "not a duration");
        String loaded = problems.attempt("schema", () -> {
            throw new ConfigException("descriptorSets[0]", "no such file");
        });
        String next = problems.attempt("", () -> "built");

        assertThat(loaded).isNull();
        assertThat(next).isEqualTo("built");
        assertThatThrownBy(problems::throwIfAny).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(new ConfigException.Problem("timeout", "not a duration"),
                        new ConfigException.Problem("schema.descriptorSets[0]", "no such file")));
    }

    @Test
    void nothingIsThrownWithoutProblems() throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        problems.throwIfAny();
        assertThat(problems.isEmpty()).isTrue();
    }
}
