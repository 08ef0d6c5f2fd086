package dstutor.course;

import java.util.List;

/** A named, ordered part of the learning path. */
public record Track(String id, String title, List<String> exercises) {}
