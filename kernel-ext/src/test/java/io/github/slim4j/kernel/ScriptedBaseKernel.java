package io.github.slim4j.kernel;

import io.github.slim4j.kernel.runtime.Handoff;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A basekernel kernel that understands only the two statements {@link BaseKernelNotebook}
 * evaluates, over a map of variables, as a stand-in for IJava.
 */
final class ScriptedBaseKernel extends BaseKernel {

    private static final String HANDOFF = Pattern.quote(Handoff.class.getName());
    private static final Pattern LOOKUP = Pattern.compile(HANDOFF + "\\.put\\(\"([^\"]+)\", (\\w+)\\);");
    private static final Pattern DEFINE = Pattern.compile("(.+) (\\w+) = \\(\\1\\) " + HANDOFF + "\\.take\\(\"([^\"]+)\"\\);");

    final Map<String, Object> variables = new HashMap<>();
    final List<String> evaluated = new ArrayList<>();
    final List<DisplayData> displayed = new ArrayList<>();
    final Map<String, String> declaredTypes = new HashMap<>();
    String lastToken;
    boolean rejectDefinitions;

    /** What a kernel throws for a snippet that does not compile: a checked exception. */
    static final class DoesNotCompile extends Exception {
        DoesNotCompile(String message) {
            super(message);
        }
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        evaluated.add(code);
        Matcher lookup = LOOKUP.matcher(code);
        if (lookup.matches()) {
            if (!variables.containsKey(lookup.group(2))) {
                throw new DoesNotCompile("cannot find symbol: variable " + lookup.group(2));
            }
            Handoff.put(lookup.group(1), variables.get(lookup.group(2)));
            return null;
        }
        Matcher define = DEFINE.matcher(code);
        if (define.matches()) {
            lastToken = define.group(3);
            if (rejectDefinitions) {
                throw new DoesNotCompile("cannot find symbol: class " + define.group(1));
            }
            variables.put(define.group(2), Handoff.take(define.group(3)));
            declaredTypes.put(define.group(2), define.group(1));
            return null;
        }
        throw new AssertionError("the notebook evaluated unexpected code: " + code);
    }

    @Override
    public void display(DisplayData data) {
        displayed.add(data);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").build();
    }
}
