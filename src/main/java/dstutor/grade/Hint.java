package dstutor.grade;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the hint (an {@code id} from the exercise's {@code hints:} ladder) that a hidden-suite test
 * maps to. When the test fails, the verdict points the learner to that rung.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Hint {
  String value();
}
