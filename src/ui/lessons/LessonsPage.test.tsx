// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LESSONS_IN_ORDER, TRACKS } from '../../store/lessons';
import { loadProgress, progressStore } from '../../store/progress';
import { LessonsPage } from './LessonsPage';

beforeEach(() => {
  localStorage.clear();
  progressStore.getState().forget();
});
afterEach(cleanup);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('LessonsPage', () => {
  it('lists the tracks in the order of the lesson index, each lesson with what it teaches and its length', () => {
    render(<LessonsPage />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(TRACKS.map((t, i) => `${i + 1} ${t.title}`));
    const first = LESSONS_IN_ORDER[0]!;
    const pick = screen.getByRole('button', { name: new RegExp(`^${escape(first.title)}`) });
    expect(pick.textContent).toContain(`You will learn: ${first.learn}`);
    expect(pick.textContent).toContain(`${first.minutes} min`);
  });

  it('selects the first unsolved lesson, and moves the selection on a click, remembered in the browser', () => {
    progressStore.getState().markSolved(LESSONS_IN_ORDER[0]!.id, {
      tasks: { solved: 0, shown: 0, total: 0 },
      quiz: { right: 0, total: 0 },
    });
    render(<LessonsPage />);
    const second = LESSONS_IN_ORDER[1]!;
    const current = screen
      .getAllByRole('button')
      .filter((b) => b.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toContain(second.title);
    expect(screen.getByRole('button', { name: `Start: ${second.title}` })).toBeTruthy();

    const third = LESSONS_IN_ORDER[2]!;
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${escape(third.title)}`) }));
    expect(screen.getByRole('button', { name: `Start: ${third.title}` })).toBeTruthy();
    expect(loadProgress().selected).toBe(third.id);
  });

  it('marks a solved lesson and counts it, from what was saved before a reload', () => {
    const first = LESSONS_IN_ORDER[0]!;
    progressStore.getState().markSolved(first.id, {
      tasks: { solved: 1, shown: 0, total: 1 },
      quiz: { right: 1, total: 1 },
    });
    expect(loadProgress().solved[first.id]).toBeTruthy();
    render(<LessonsPage />);
    expect(screen.getByText(`1 of ${LESSONS_IN_ORDER.length} lessons solved`)).toBeTruthy();
    const item = screen.getByRole('button', {
      name: new RegExp(`^${escape(first.title)} ?\\(solved\\)`),
    });
    expect(within(item).getByText('✓')).toBeTruthy();
  });

  it('keeps Free play and Import one click away', () => {
    render(<LessonsPage />);
    const nav = screen.getByRole('navigation', { name: 'Other ways in' });
    expect(within(nav).getByRole('button', { name: 'Free play' })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: 'Import a scenario…' })).toBeTruthy();
  });
});
