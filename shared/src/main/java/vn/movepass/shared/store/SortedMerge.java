package vn.movepass.shared.store;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One ordered stream out of several, each already in that order: how a reader of an hour bucket split into
 * {@link HourShards} keys gets the rows in the order the single key gave them (a k-way merge). Each source is read
 * lazily, one element ahead, so a Query paginator's pages are fetched as the merge reaches them and memory holds one
 * page per source; equal elements come in the order of their sources.
 */
public final class SortedMerge {
    private SortedMerge() {
    }

    private record Head<T>(T item, int source, Iterator<? extends T> rest) {
    }

    public static <T> Iterable<T> of(List<? extends Iterable<? extends T>> sources, Comparator<? super T> order) {
        return () -> iterator(sources, order);
    }

    private static <T> Iterator<T> iterator(List<? extends Iterable<? extends T>> sources, Comparator<? super T> order) {
        Comparator<Head<T>> byItem = (a, b) -> order.compare(a.item(), b.item());
        PriorityQueue<Head<T>> heads = new PriorityQueue<>(Math.max(1, sources.size()),
                byItem.thenComparingInt(Head::source));
        for (int i = 0; i < sources.size(); i++) {
            Iterator<? extends T> it = sources.get(i).iterator();
            if (it.hasNext()) {
                heads.add(new Head<>(it.next(), i, it));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public T next() {
                Head<T> head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.rest().hasNext()) {
                    heads.add(new Head<>(head.rest().next(), head.source(), head.rest()));
                }
                return head.item();
            }
        };
    }
}
