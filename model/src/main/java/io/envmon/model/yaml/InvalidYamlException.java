package io.envmon.model.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A configuration file that is not YAML, or repeats a key; the message says what and where (line, column). */
public final class InvalidYamlException extends IllegalArgumentException {

    /** @param e the parser's error */
    InvalidYamlException(JsonProcessingException e) {
        super("not valid YAML: " + StrictYaml.syntaxProblem(e), e);
    }
}
