import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { commentIncoming, commentOutgoing } from '../../src/fixtures/index.js'
import { Comment } from '../../src/schemas/comment.js'
import { ValidatorByEventName } from '../../src/schemas/validators.js'

const validator = ValidatorByEventName['comment.outgoing']
const withComment = (changes: Record<string, unknown>) => {
  const body = structuredClone(commentOutgoing)
  return { ...body, comment: { ...body.comment, ...changes } }
}

describe('Comment', () => {
  it('fits both samples, Cyrillic post title included', () => {
    const comment = Compile(Comment)
    expect(comment.Check(commentIncoming.comment)).toBe(true)
    expect(comment.Check(commentOutgoing.comment)).toBe(true)
    expect(commentIncoming.comment.post_title).toBe('Пост из вк')
  })

  it('accepts emoji text and unknown fields', () => {
    expect(validator.Check(withComment({ message: 'Спасибо 🙏', likes: 3 }))).toBe(true)
  })

  it('rejects a numeric post_id and a string reply_comment_id at their paths', () => {
    expect(validator.Errors(withComment({ post_id: 123123 }))).toEqual([
      expect.objectContaining({ instancePath: '/comment/post_id' }),
    ])
    expect(validator.Errors(withComment({ reply_comment_id: '544' }))).toEqual([
      expect.objectContaining({ instancePath: '/comment/reply_comment_id' }),
    ])
  })

  it('rejects a comment payload without comment_id', () => {
    const { comment_id: _, ...body } = structuredClone(commentIncoming)
    expect(ValidatorByEventName['comment.incoming'].Errors(body)).toEqual([
      expect.objectContaining({ instancePath: '', params: { requiredProperties: ['comment_id'] } }),
    ])
  })
})
